package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
)

type migration struct {
	version int64
	name    string
	sql     string
}

var migrationName = regexp.MustCompile(`^([0-9]+)_[a-z0-9_]+\.sql$`)

// migrate applies the pending migrations in one transaction, recording each
// in schema_migrations, so a failed start-up leaves the schema as it was and
// a second start-up has nothing to do.
func (db *DB) migrate(ctx context.Context) error {
	migrations, err := readMigrations(db.dialect.Migrations)
	if err != nil {
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	if db.dialect.LockMigrations != "" {
		if _, err := tx.ExecContext(ctx, db.dialect.LockMigrations); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY)`); err != nil {
		return err
	}
	applied, err := appliedVersions(ctx, tx)
	if err != nil {
		return err
	}
	for _, m := range migrations {
		if applied[m.version] || db.dialect.through != 0 && m.version > db.dialect.through {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, m.version); err != nil {
			return fmt.Errorf("record %s: %w", m.name, err)
		}
		applied[m.version] = true
	}
	if db.dialect.StampVersion {
		// The newest version applied, a later binary's included, so that
		// an older binary never lowers the stamp a newer one wrote.
		stamp := slices.Max(append(slices.Collect(maps.Keys(applied)), 0))
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, stamp)); err != nil {
			return fmt.Errorf("stamp version %d: %w", stamp, err)
		}
	}
	return tx.Commit()
}

// stampedCurrent reports whether the database's stamp is the newest
// migration's (or the Through version's): migrations take versions in the
// order they are written, and migrate stamps the newest it applied, so
// every migration is then applied. False where the engine keeps no stamp.
func (db *DB) stampedCurrent(ctx context.Context) (bool, error) {
	if !db.dialect.StampVersion {
		return false, nil
	}
	migrations, err := readMigrations(db.dialect.Migrations)
	if err != nil {
		return false, err
	}
	want := db.dialect.through
	if want == 0 && len(migrations) > 0 {
		want = migrations[len(migrations)-1].version
	}
	stamp, err := readStamp(ctx, db.read)
	return stamp == want, err
}

// readStamp is the version stamp in the database's header: 0 in a new
// file, or one that migrations of this store never stamped.
func readStamp(ctx context.Context, pool *sql.DB) (int64, error) {
	var stamp int64
	if err := pool.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&stamp); err != nil {
		return 0, err
	}
	return stamp, nil
}

func appliedVersions(ctx context.Context, tx *sql.Tx) (map[int64]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[int64]bool{}
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

// readMigrations returns the migrations folder of fsys in version order.
func readMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, err
	}
	var migrations []migration
	for _, e := range entries {
		match := migrationName.FindStringSubmatch(e.Name())
		if match == nil {
			return nil, fmt.Errorf("migration %q: want a name like 0001_init.sql", e.Name())
		}
		version, err := strconv.ParseInt(match[1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration %q: %w", e.Name(), err)
		}
		text, err := fs.ReadFile(fsys, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		migrations = append(migrations, migration{version: version, name: e.Name(), sql: string(text)})
	}
	slices.SortFunc(migrations, func(a, b migration) int { return cmp.Compare(a.version, b.version) })
	for i := 1; i < len(migrations); i++ {
		if migrations[i].version == migrations[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a version", migrations[i-1].name, migrations[i].name)
		}
	}
	return migrations, nil
}
