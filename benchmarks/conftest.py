import pytest

from tests.conftest import small_county_records, yingjiang_records  # noqa: F401  (shared fixtures)


@pytest.fixture(scope="session")
def county(django_db_setup, django_db_blocker, yingjiang_records):  # noqa: F811 (the imported fixture)
    """Yingjiang's 50 units with the demo, loaded once for every benchmark."""
    from portal.demo import load_demo

    with django_db_blocker.unblock():
        load_demo(yingjiang_records, progress=lambda message: None)
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)
