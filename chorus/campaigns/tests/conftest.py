import pytest

from chorus.academy.services.guidelines import guidelines_accept
from chorus.accounts.services import membership_join
from chorus.accounts.tests.factories import DepartmentFactory, LocationFactory, UserFactory
from chorus.content.tests.factories import ContentItemFactory


@pytest.fixture
def item(db):
    return ContentItemFactory(title="Senior Backend Engineer", url="https://careers.acme.test/7")


@pytest.fixture
def engineering(db):
    return DepartmentFactory(name="Engineering")


@pytest.fixture
def sales(db):
    return DepartmentFactory(name="Sales")


@pytest.fixture
def warsaw(db):
    return LocationFactory(name="Warsaw")


@pytest.fixture
def london(db):
    return LocationFactory(name="London")


@pytest.fixture
def make_advocate(db):
    """An advocate in a department and location of one's choice."""

    def _make(email, **fields):
        user = UserFactory(email=email, role="advocate", **fields)
        membership_join(user=user)
        guidelines_accept(user=user)
        return user

    return _make
