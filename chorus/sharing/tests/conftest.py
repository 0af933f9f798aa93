import pytest
from django.core.cache import cache

from chorus.content.tests.factories import ContentItemFactory, SamplePostFactory
from chorus.program.selectors import CACHE_KEY, program_settings_get
from chorus.tracking import redirect


@pytest.fixture(autouse=True)
def _journal(settings, tmp_path):
    settings.CHORUS_CLICK_JOURNAL_DIR = tmp_path / "clicks"
    settings.CHORUS_LINK_BASE_URL = "https://go.acme.com"
    redirect._journal = None
    redirect.links.clear()
    yield
    if redirect._journal is not None:
        redirect._journal.seal()
    redirect._journal = None


class _Program:
    """The program's settings; `set(...)` saves them as an owner would (the cache is emptied)."""

    def set(self, **fields):
        program = program_settings_get()
        for name, value in fields.items():
            setattr(program, name, value)
        program.save()
        cache.delete(CACHE_KEY)
        return program


@pytest.fixture
def program(db):
    program = _Program()
    program.set(networks=["linkedin", "x", "facebook", "bluesky", "mastodon", "whatsapp", "copy"])
    return program


@pytest.fixture
def item(db, program):
    item = ContentItemFactory(title="We are hiring data engineers", url="https://acme.test/jobs/7")
    SamplePostFactory(item=item, text="Our data team is growing. Come and work with me!")
    SamplePostFactory(item=item, language="pl", text="Nasz zespół danych rośnie. Dołącz do nas!")
    return item
