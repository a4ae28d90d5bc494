import duckdb
import polars as pl


def load(path: str) -> pl.DataFrame:
    return duckdb.sql(f"select * from '{path}'").pl()
