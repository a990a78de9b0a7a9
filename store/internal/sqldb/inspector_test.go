package sqldb

import "spark.dev/spark/store/storetest"

// The readers only tests use are not in store.Store; both engines have them.
var _ storetest.Inspector = (*DB)(nil)

var _ storetest.AutomationInspector = (*DB)(nil)
var _ storetest.EmbeddingInspector = (*DB)(nil)
