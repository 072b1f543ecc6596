#!/usr/bin/env python3
# One-off experiment behind docs/cache-schema.md "Content mode": the same 18,000 synthetic items (Zipf
# words, ~2.4 KB of text each) into a default FTS5 table and a contentless one, with the system SQLite.
# Usage: python3 scripts/bench/fts-content-mode.py (writes /tmp/fts-*.db)
import sqlite3, random, os, time
random.seed(1)
words=[''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(3,10))) for _ in range(30000)]
weights=[1/(i+1) for i in range(len(words))]
docs=[]
for i in range(18000):
    n=random.randint(60,600)
    docs.append((' '.join(random.choices(words,weights,k=8)), ' '.join(random.choices(words,weights,k=n))))
for mode in ["", ", content=''"]:
    path='/tmp/fts-%d.db'%len(mode)
    if os.path.exists(path): os.remove(path)
    db=sqlite3.connect(path); db.execute("pragma journal_mode=wal")
    db.execute("create virtual table f using fts5(title, body, article, tokenize='unicode61 remove_diacritics 2'%s)"%mode)
    t=time.time()
    for k in range(0,len(docs),200):
        with db:
            db.executemany("insert into f(rowid,title,body,article) values(?,?,?,'')",[(k+j+1,)+d for j,d in enumerate(docs[k:k+200])])
    el=time.time()-t
    db.execute("pragma wal_checkpoint(truncate)")
    tot=db.execute("select sum(pgsize) from dbstat where name like 'f%'").fetchone()[0]
    per={r[0]:r[1] for r in db.execute("select name, sum(pgsize) from dbstat where name like 'f%' group by name")}
    text=sum(len(a)+len(b) for a,b in docs)
    print(repr(mode), 'sqlite', sqlite3.sqlite_version, 'insert %.2fs'%el, 'total %.1f MB'%(tot/1e6), 'per item %d B'%(tot/len(docs)), 'text per item %d B'%(text/len(docs)), {k:round(v/1e6,1) for k,v in per.items()})
