"""Integrity checks of a survey database, shared by the security tests (and by child
processes, which import this module by path-independent name ``tests.security.dbcheck``)."""

from __future__ import annotations

import duckdb

# Every count must be 0 in a consistent database: no upload without its submissions, no
# submission or building without its parent, no submission whose n_buildings differs from
# the buildings stored for it (a half-written import).
INTEGRITY_SQL = """
SELECT
  (SELECT count(*) FROM uploads u
    WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.upload_id = u.upload_id))
    AS orphan_uploads,
  (SELECT count(*) FROM submissions s
    WHERE NOT EXISTS (SELECT 1 FROM uploads u WHERE u.upload_id = s.upload_id))
    AS orphan_submissions,
  (SELECT count(*) FROM buildings b
    WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.submission_id = b.submission_id))
    AS orphan_buildings,
  (SELECT count(*) FROM (
     SELECT s.submission_id FROM submissions s LEFT JOIN buildings b USING (submission_id)
     GROUP BY s.submission_id, s.n_buildings
     HAVING count(b.source_row) <> s.n_buildings)) AS torn_submissions,
  (SELECT count(*) FROM (SELECT sha256 FROM uploads GROUP BY sha256 HAVING count(*) > 1))
    AS duplicated_uploads
"""


def integrity(source) -> dict[str, int]:
    """The counts of :data:`INTEGRITY_SQL` (all 0 when the database is consistent), of a
    DuckDB connection or of a store (read through its snapshot)."""
    result = source.execute(INTEGRITY_SQL) if hasattr(source, "read") else \
        source.cursor().execute(INTEGRITY_SQL)
    names = [d[0] for d in result.description] if hasattr(result, "description") else \
        result.columns
    return dict(zip(names, result.fetchone()))


def base_tables(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[str]:
    """Names of the base tables of a database (``catalog``: an attached one)."""
    where = "table_type = 'BASE TABLE'"
    params: list = []
    if catalog is not None:
        where += " AND table_catalog = ?"
        params.append(catalog)
    else:
        where += " AND table_catalog = current_database()"
    rows = con.cursor().execute(
        f"SELECT table_name FROM information_schema.tables WHERE {where} ORDER BY 1",
        params).fetchall()
    return [r[0] for r in rows]


def table_digests(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent MD5 of every row's full text, per base table."""
    out = {}
    cur = con.cursor()
    for name in base_tables(con):
        count, digest = cur.execute(
            f'SELECT count(*), md5(coalesce(string_agg(h, \',\' ORDER BY h), \'\')) '
            f'FROM (SELECT md5(t::VARCHAR) AS h FROM "{name}" AS t)').fetchone()
        out[name] = (int(count), digest)
    return out
