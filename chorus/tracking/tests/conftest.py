import pytest

from chorus.tracking import redirect


@pytest.fixture
def journal_dir(settings, tmp_path):
    """Each test gets its own journal folder and an empty link cache."""
    settings.CHORUS_CLICK_JOURNAL_DIR = tmp_path / "clicks"
    redirect._journal = None
    redirect.links.clear()
    redirect.visitor_hash._day = None
    yield settings.CHORUS_CLICK_JOURNAL_DIR
    if redirect._journal is not None:
        redirect._journal.seal()
    redirect._journal = None
    redirect.links.clear()
    redirect.visitor_hash._day = None
