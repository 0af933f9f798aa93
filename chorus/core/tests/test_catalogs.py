"""The Polish and Thai catalogs stay complete: no untranslated or fuzzy message."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGS = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))


def test_there_are_catalogs_for_polish_and_thai():
    languages = {path.parts[-3] for path in CATALOGS}
    assert {"pl", "th"} <= languages


@pytest.mark.parametrize("path", [p for p in CATALOGS if p.parts[-3] in ("pl", "th")], ids=str)
def test_catalog_is_complete(path):
    catalog = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"


@pytest.mark.parametrize("path", [p for p in CATALOGS if p.parts[-3] in ("pl", "th")], ids=str)
def test_placeholders_survive_translation(path):
    """A translation that drops or renames a %(name)s or {{ name }} would crash or mislead."""
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}")
    for entry in polib.pofile(str(path)):
        wanted = sorted(pattern.findall(entry.msgid))
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                assert set(pattern.findall(text)) <= set(
                    wanted + pattern.findall(entry.msgid_plural)
                ), entry.msgid
        elif entry.msgstr:
            assert sorted(pattern.findall(entry.msgstr)) == wanted, entry.msgid
