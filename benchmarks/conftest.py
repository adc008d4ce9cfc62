from tests.conftest import small_county_records, yingjiang_records  # noqa: F401  (shared fixtures)
