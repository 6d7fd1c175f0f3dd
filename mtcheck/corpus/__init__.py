"""``mtcheck corpus``: check corpora of millions of segments (MT training data, translation
memories) on Dask, and write what a data team joins back to filter them.

- shards.py: which files, and their rows as Segments, batch by batch (Parquet, JSONL, TSV);
- tables.py: the findings and the per-segment table (counts, penalty, keep) as Parquet;
- worker.py: one shard checked on a worker, with rules compiled once per worker;
- run.py: the driver: a local or remote Dask cluster (or none), the manifest that makes a
  run resumable, run-scope rules merged across shards, the summary.

Dask and pyarrow are the optional ``corpus`` extra; ``require()`` says how to install them.
"""

from __future__ import annotations

INSTALL_HINT = "mtcheck corpus needs the corpus extra (Dask, pyarrow): pip install 'mtcheck[corpus]'"


def missing(*, dask: bool = True) -> str | None:
    """The one-line how-to-install when a module of the extra cannot be imported, else None."""
    names = ["pyarrow", "pyarrow.parquet"] + (["dask", "distributed"] if dask else [])
    for name in names:
        try:
            __import__(name)
        except ImportError:
            return INSTALL_HINT
    return None
