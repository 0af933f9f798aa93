"""Shared by the digest tests: members of the program and the digest's schedule."""

from chorus.accounts.models import AdvocacyMembership
from chorus.accounts.tests.factories import UserFactory
from chorus.digests.selectors import digest_settings_get


def member(**fields):
    """Someone who joined the program."""
    user = UserFactory(**fields)
    AdvocacyMembership.objects.create(user=user)
    return user


def due_all_week():
    """Weekly digests due from Monday 00:00 local: whatever today is, this week's is due."""
    config = digest_settings_get()
    config.weekday, config.hour = 0, 0
    config.save()
    return config
