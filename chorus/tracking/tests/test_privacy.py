"""No table, journal or log line holds a raw IP address."""

import logging

import pytest
from django.apps import apps
from django.db import models

from chorus.tracking.models import Click
from chorus.tracking.services import tracked_link_create

from .helpers import CHROME, LINKEDINBOT, flush, hit

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESSES = ["203.0.113.77", "2001:db8:85a3::8a2e:370:7334", "192.0.2.201"]


def _every_text_value():
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if fields:
            for row in model.objects.values_list(*fields):
                yield model.__name__, " ".join(str(value) for value in row)


def test_no_table_journal_or_log_line_holds_a_raw_ip(settings, journal_dir, client, caplog):
    settings.CHORUS_BEHIND_PROXY = True
    caplog.set_level(logging.DEBUG)
    link = tracked_link_create(destination="https://acme.test/", source="x", campaign="c")
    hit(link.code, ip=ADDRESSES[0])
    hit(link.code, ip=ADDRESSES[1], agent=LINKEDINBOT)
    hit(link.code, ip="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{ADDRESSES[2]}, 10.0.0.1")
    client.get(f"/s/{link.code}", REMOTE_ADDR=ADDRESSES[0], HTTP_USER_AGENT=CHROME)
    client.get("/s/unknown1", REMOTE_ADDR=ADDRESSES[0])
    journal_text = b"".join(path.read_bytes() for path in journal_dir.glob("*")).decode()
    assert journal_text.count("\n") == 4
    flush()
    assert Click.objects.count() == 4
    values = list(_every_text_value())
    assert values  # the scan did look at rows
    for address in ADDRESSES:
        assert address not in journal_text
        assert not [model for model, text in values if address in text], address
        assert address not in caplog.text
    # The hashes still tell visitors apart (the Django route's request repeats the first one).
    assert Click.objects.values("visitor").distinct().count() == 3
