import pytest

from chorus.accounts import selectors, services
from chorus.accounts.models import AdvocacyMembership
from chorus.core.errors import ChorusError


def test_an_employee_is_not_an_advocate_until_they_join(employee):
    assert not selectors.user_is_advocate(user=employee)
    services.membership_join(user=employee)
    assert selectors.user_is_advocate(user=employee)


def test_joining_twice_keeps_one_membership(employee):
    first = services.membership_join(user=employee)
    assert services.membership_join(user=employee) == first
    assert AdvocacyMembership.objects.filter(user=employee).count() == 1


def test_leaving_is_honoured_at_once_and_kept_in_history(advocate):
    services.membership_leave(user=advocate)
    assert not selectors.user_is_advocate(user=advocate)
    services.membership_join(user=advocate)
    history = list(selectors.membership_history().filter(user=advocate))
    assert len(history) == 2
    assert history[0].left_at is None
    assert history[1].left_at is not None


def test_the_last_owner_cannot_give_up_the_role(owner):
    with pytest.raises(ChorusError) as error:
        services.user_set_role(actor=owner, user=owner, role="advocate")
    assert error.value.code == "last_owner"


def test_only_owners_change_roles(curator, employee):
    with pytest.raises(ChorusError):
        services.user_set_role(actor=curator, user=employee, role="curator")


def test_people_counts_count_current_advocates_once(advocate, employee, owner):
    services.membership_leave(user=advocate)
    services.membership_join(user=advocate)
    counts = selectors.people_counts()
    assert counts["people"] == 3
    assert counts["advocates"] == 1
