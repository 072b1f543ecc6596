/// TelexStore is the SQLite cache (GRDB): schema, migrations, writes, paged queries, change signal.
public enum TelexStoreModule {}
