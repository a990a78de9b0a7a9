package settings

// A settings document is a decoded JSON object. Keys the server owns are
// composed into it on read and stripped from it on write.
type document = map[string]any

// defaults are what a user who never saved settings sees (the original's
// DEFAULT_USER_SETTINGS, which the frontend expects).
func defaults() document {
	return document{
		"theme":          "light",
		"rightSidebar":   document{"width": 384},
		"leftSidebar":    document{"width": 360},
		"integrations":   document{},
		"scheduledTasks": document{},
		"search":         document{"maxResults": 10, "defaultMode": "semantic"},
	}
}

// mergePatch applies patch to target as a JSON merge patch (RFC 7396):
// objects merge recursively, null deletes a key, anything else replaces.
func mergePatch(target, patch document) document {
	if target == nil {
		target = document{}
	}
	for key, value := range patch {
		switch v := value.(type) {
		case nil:
			delete(target, key)
		case document:
			existing, _ := target[key].(document)
			target[key] = mergePatch(existing, v)
		default:
			target[key] = v
		}
	}
	return target
}

// replaceKeys sets each top-level key of named in target; null deletes it.
func replaceKeys(target, named document) document {
	for key, value := range named {
		if value == nil {
			delete(target, key)
		} else {
			target[key] = value
		}
	}
	return target
}

// object returns doc[key] when it is an object, creating it if missing.
func object(doc document, key string) document {
	child, ok := doc[key].(document)
	if !ok {
		child = document{}
		doc[key] = child
	}
	return child
}
