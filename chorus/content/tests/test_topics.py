from django.urls import reverse

from chorus.content.models import Topic
from chorus.content.tests.factories import TopicFactory


def test_an_owner_creates_a_topic(login, owner):
    response = login(owner).post(
        reverse("content:topics"), {"action": "create", "name": "  Sustainability "}
    )
    assert response.status_code == 302
    assert Topic.objects.get().name == "Sustainability"


def test_a_duplicate_topic_name_is_refused_with_a_message(login, owner):
    TopicFactory(name="Careers")
    response = login(owner).post(reverse("content:topics"), {"action": "create", "name": "careers"})
    assert response.status_code == 200
    assert "That topic exists already." in response.content.decode()
    assert Topic.objects.count() == 1


def test_an_advocate_follows_two_topics_and_it_is_saved(login, advocate):
    careers, events, _news = (TopicFactory(name=n) for n in ("Careers", "Events", "News"))
    client = login(advocate)
    response = client.post(
        reverse("content:topics"), {"action": "follow", "topics": [careers.pk, events.pk]}
    )
    assert response.status_code == 302
    assert set(advocate.followed_topics.all()) == {careers, events}
    page = client.get(reverse("content:topics")).content.decode()
    assert page.count("checked") == 2
    assert "Your topics are saved." in page


def test_following_nothing_unfollows_everything(login, advocate):
    careers = TopicFactory(name="Careers")
    careers.followers.add(advocate)
    login(advocate).post(reverse("content:topics"), {"action": "follow"})
    assert not advocate.followed_topics.exists()


def test_a_curator_who_is_not_an_owner_cannot_create_topics(login, curator):
    client = login(curator)
    assert 'value="create"' not in client.get(reverse("content:topics")).content.decode()
    response = client.post(reverse("content:topics"), {"action": "create", "name": "Sneaky"})
    assert response.status_code == 403
    assert not Topic.objects.exists()


def test_an_outsider_is_sent_to_sign_in(outsider, db):
    response = outsider.get(reverse("content:topics"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_topics_page_keeps_its_query_count(login, owner, django_assert_max_num_queries):
    for n in range(15):
        TopicFactory(name=f"Topic {n}").followers.add(owner)
    client = login(owner)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("content:topics"))
    assert response.content.decode().count("checked") == 15
