package sqldb

import "database/sql"

// scanAll scans every row with scan and closes rows; no rows is nil.
func scanAll[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var all []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	return all, rows.Err()
}

// scanEach calls scan on every row and closes rows.
func scanEach(rows *sql.Rows, scan func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanIDs scans (key, id) rows into into and closes rows.
func scanIDs[K comparable, V any](rows *sql.Rows, into map[K]V) error {
	return scanEach(rows, func(rows *sql.Rows) error {
		var key K
		var id V
		if err := rows.Scan(&key, &id); err != nil {
			return err
		}
		into[key] = id
		return nil
	})
}
