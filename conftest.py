"""Personas shared by every app's tests: advocate, curator, owner and outsider."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from chorus.accounts.services import membership_join
from chorus.accounts.tests.factories import UserFactory


def _person(email, role, **extra):
    user = UserFactory(email=email, role=role, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture(autouse=True)
def _clear_cache():
    # Program settings are cached between requests; each test starts from the database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def advocate(db):
    """An employee who has joined the advocacy program."""
    user = _person("advocate@acme.test", "advocate", display_name="Ada Advocate")
    membership_join(user=user)
    return user


@pytest.fixture
def employee(db):
    """An employee who has not joined the program."""
    return _person("employee@acme.test", "advocate", display_name="Eve Employee")


@pytest.fixture
def curator(db):
    return _person("curator@acme.test", "curator", display_name="Cora Curator")


@pytest.fixture
def owner(db):
    return _person("owner@acme.test", "owner", display_name="Otto Owner")


@pytest.fixture
def outsider(client):
    """Someone who is not signed in."""
    return client


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
