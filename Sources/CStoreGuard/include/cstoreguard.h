#ifndef CSTOREGUARD_H
#define CSTOREGUARD_H

struct sqlite3;

/* sqlite3_db_config is variadic, which Swift cannot call: SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE.
   With `on`, closing this connection never checkpoints the WAL into the database file: a store
   whose file was replaced or found damaged is not written into at exit. Returns SQLite's code. */
int ccass_sqlite_no_checkpoint_on_close(struct sqlite3 *db, int on);

#endif
