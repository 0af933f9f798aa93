"""Chat webhooks: messages to Slack and Teams channels, retried with back-off when the channel
fails, and the owners' page that shows it. The `web` fixture stands in for Slack and Teams: a
local server that answers as their incoming webhooks do (200 "ok" / 202), per their docs."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend
from django.urls import reverse
from django.utils import timezone, translation

from chorus.core.fetch import FetchError
from chorus.notifications import services
from chorus.notifications.models import ChatDelivery, ChatWebhook
from chorus.notifications.services import chat_delivery_send, chat_payload, chat_post
from chorus.notifications.tasks import chat_delivery_task
from chorus.program.selectors import program_settings_get


def _webhook(web, path="/hook", *, service="slack", status=200, **extra):
    web.add(path, b"ok", status=status, content_type="text/plain")
    return ChatWebhook.objects.create(
        name=f"#news{len(web.pages)}", service=service, url=web.url + path, **extra
    )


def _post(capture, **extra):
    fields = {
        "event": "featured",
        "title": "We open an office in Gdańsk",
        "text": "Doors open <Monday> & everyone is welcome",
        "url": "https://chorus.acme.test/share/7/",
        "key": "content:7",
    }
    with capture(execute=True):
        return chat_post(**{**fields, **extra})


def _posted(web, path="/hook"):
    return [json.loads(body) for hit, _headers, body in web.posts if hit == path]


@pytest.fixture
def deferred_tasks(monkeypatch):
    """A task backend that keeps what is enqueued, with its run_after, instead of running it."""
    backend = DummyBackend("default", {})
    monkeypatch.setattr(task_backends._connections, "default", backend, raising=False)
    return backend.results


# Payloads --------------------------------------------------------------------------------------


def test_slack_gets_text_and_blocks_with_a_share_button(
    db, web, django_capture_on_commit_callbacks
):
    webhook = _webhook(web)
    assert _post(django_capture_on_commit_callbacks) == 1
    [message] = _posted(web)
    assert message["text"].startswith("We open an office in Gdańsk")
    section, actions = message["blocks"]
    assert section["text"]["type"] == "mrkdwn"
    assert section["text"]["text"] == (
        "*We open an office in Gdańsk*\nDoors open &lt;Monday&gt; &amp; everyone is welcome"
    )
    [button] = actions["elements"]
    assert button["type"] == "button"
    assert button["text"]["text"] == "Share it"
    assert button["url"] == "https://chorus.acme.test/share/7/"
    headers = web.posts[0][1]
    assert headers["Content-Type"] == "application/json"
    delivery = ChatDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.status_code) == ("sent", 1, 200)
    webhook.refresh_from_db()
    assert webhook.last_success_at is not None
    assert webhook.consecutive_failures == 0


def test_teams_gets_an_adaptive_card_with_an_open_url_action(
    db, web, django_capture_on_commit_callbacks
):
    _webhook(web, "/teams", service="teams", status=202)
    _post(django_capture_on_commit_callbacks, event="campaign", key="campaign:3")
    [message] = _posted(web, "/teams")
    assert message["type"] == "message"
    [attachment] = message["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    assert card["body"][0]["text"] == "We open an office in Gdańsk"
    assert card["body"][1]["text"] == "Doors open <Monday> & everyone is welcome"
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Share it", "url": "https://chorus.acme.test/share/7/"}
    ]
    assert ChatDelivery.objects.get().state == "sent"


def test_messages_are_worded_in_the_programs_language(db, monkeypatch):
    program = program_settings_get()
    program.default_language = "pl"
    program.save()
    cache.clear()  # program settings are cached between requests
    # The words are translated by the lead later; here, each says which language it was in.
    monkeypatch.setattr(services, "_", lambda text: f"{text} [{translation.get_language()}]")
    payload = chat_payload(service="teams", title="T", text="", url="https://x.test/")
    assert payload["attachments"][0]["content"]["actions"][0]["title"] == "Share it [pl]"
    assert translation.get_language() != "pl"


def test_only_active_webhooks_listening_to_the_event_get_it(
    db, web, django_capture_on_commit_callbacks
):
    _webhook(web, "/both")
    _webhook(web, "/campaigns-only", on_featured=False)
    _webhook(web, "/paused", is_active=False)
    assert _post(django_capture_on_commit_callbacks) == 1
    assert [path for path, _headers, _body in web.posts] == ["/both"]


def test_the_same_key_twice_queues_one_delivery(db, web, django_capture_on_commit_callbacks):
    _webhook(web)
    assert _post(django_capture_on_commit_callbacks) == 1
    assert _post(django_capture_on_commit_callbacks) == 0
    assert ChatDelivery.objects.count() == 1
    assert len(web.posts) == 1


def test_nothing_is_sent_before_commit(db, web, django_capture_on_commit_callbacks):
    _webhook(web)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        chat_post(event="featured", title="T", text="", url="https://x.test/", key="k")
    assert web.posts == []
    assert len(callbacks) == 1


def test_an_unknown_event_is_refused(db):
    with pytest.raises(services.ChorusError):
        chat_post(event="birthday", title="T", text="", url="https://x.test/", key="k")


# Failures and retries --------------------------------------------------------------------------


def test_a_500_is_retried_with_back_off(db, web, deferred_tasks):
    webhook = _webhook(web, status=500)
    delivery = _post_without_running(webhook)
    before = timezone.now()
    with pytest.raises(FetchError):
        chat_delivery_task.call(delivery.pk)
    [retry] = deferred_tasks
    assert retry.task.name == chat_delivery_task.name
    assert list(retry.args) == [delivery.pk]
    assert retry.kwargs == {"attempt": 2}
    assert before + timedelta(minutes=2) <= retry.task.run_after
    assert retry.task.run_after <= timezone.now() + timedelta(minutes=2)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.status_code) == ("pending", 1, 500)
    assert "HTTP 500" in delivery.last_error
    assert delivery.next_attempt_at is not None
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 1
    assert webhook.failing_since is not None
    assert "HTTP 500" in webhook.last_error

    # The second attempt waits twice as long.
    with pytest.raises(FetchError):
        chat_delivery_task.call(delivery.pk, attempt=2)
    assert deferred_tasks[1].kwargs == {"attempt": 3}
    assert deferred_tasks[1].task.run_after >= before + timedelta(minutes=4)
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 2


def _post_without_running(webhook):
    """Queue a delivery as chat_post does, without its on-commit task."""
    return ChatDelivery.objects.create(
        webhook=webhook,
        key="content:7",
        event="featured",
        title="We open an office",
        payload=chat_payload(service=webhook.service, title="T", text="", url="https://x.test/"),
    )


def test_after_the_last_attempt_the_delivery_has_failed(
    db, web, django_capture_on_commit_callbacks
):
    # The test backend runs a retry at once, so every attempt happens here, one after another.
    webhook = _webhook(web, status=500)
    _post(django_capture_on_commit_callbacks)
    delivery = ChatDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("failed", 5, None)
    assert len(web.posts) == 5
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 5


def test_a_timeout_is_a_failure_and_retried(db, web, deferred_tasks, monkeypatch):
    monkeypatch.setattr(services, "CHAT_TIMEOUT", 0.3)
    webhook = _webhook(web)
    web.delays["/hook"] = 1.5
    delivery = _post_without_running(webhook)
    with pytest.raises(FetchError) as error:
        chat_delivery_task.call(delivery.pk)
    assert error.value.code == "fetch_timeout"
    assert [retry.kwargs for retry in deferred_tasks] == [{"attempt": 2}]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.status_code) == ("pending", 1, None)
    assert "too long" in delivery.last_error
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 1


def test_a_refused_connection_is_a_failure(db, web, deferred_tasks):
    webhook = ChatWebhook.objects.create(
        name="gone", service="slack", url="http://127.0.0.1:9/hook"
    )
    delivery = _post_without_running(webhook)
    with pytest.raises(FetchError):
        chat_delivery_task.call(delivery.pk)
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 1
    assert len(deferred_tasks) == 1


def test_success_after_failures_resets_the_health(db, web, deferred_tasks):
    webhook = _webhook(web, status=500)
    delivery = _post_without_running(webhook)
    with pytest.raises(FetchError):
        chat_delivery_task.call(delivery.pk)
    web.add("/hook", b"ok", content_type="text/plain")
    assert chat_delivery_task.call(delivery.pk, attempt=2) is True
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.status_code) == ("sent", 2, 200)
    webhook.refresh_from_db()
    assert webhook.consecutive_failures == 0
    assert webhook.failing_since is None
    assert webhook.last_error == ""
    assert webhook.last_success_at is not None


def test_a_sent_delivery_is_never_sent_again(db, web, django_capture_on_commit_callbacks):
    _webhook(web)
    _post(django_capture_on_commit_callbacks)
    delivery = ChatDelivery.objects.get()
    assert chat_delivery_task.call(delivery.pk) is False
    assert chat_delivery_task.call(delivery.pk, attempt=2) is False
    assert chat_delivery_send(delivery_id=delivery.pk, attempt=1) is None
    assert len(web.posts) == 1


def test_an_attempt_already_claimed_is_not_made_twice(db, web):
    webhook = _webhook(web, status=500)
    delivery = _post_without_running(webhook)
    ChatDelivery.objects.filter(pk=delivery.pk).update(attempts=1)  # another worker has it
    assert chat_delivery_send(delivery_id=delivery.pk, attempt=1) is None
    assert web.posts == []


def test_a_paused_webhook_gets_nothing_queued_before(db, web):
    webhook = _webhook(web)
    delivery = _post_without_running(webhook)
    ChatWebhook.objects.filter(pk=webhook.pk).update(is_active=False)
    assert chat_delivery_task.call(delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.state == "failed"
    assert web.posts == []


# The owners' page ------------------------------------------------------------------------------


def test_the_page_shows_a_failing_webhook_without_the_secret(db, web, owner, login):
    webhook = _webhook(web, "/services/T000/B000/SECRETtoken", status=500)
    delivery = _post_without_running(webhook)
    with pytest.raises(FetchError):
        chat_delivery_send(delivery_id=delivery.pk, attempt=1)
    posts = len(web.posts)
    page = login(owner).get(reverse("notifications:chat"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Failing" in html
    assert "Failing since" in html
    assert "1 attempt, last error: 127.0.0.1 answered with an error (HTTP 500)" in html
    assert "SECRETtoken" not in html
    assert f"{web.url.removeprefix('http://')}/…" in html
    assert "Messages that did not get through" in html
    assert len(web.posts) == posts  # the page did not call the channel


def test_a_working_webhook_shows_as_working(db, web, owner, login):
    _webhook(web, last_success_at=timezone.now())
    html = login(owner).get(reverse("notifications:chat")).content.decode()
    assert "Working" in html
    assert "Failing" not in html


def test_sending_a_test_message_does_not_wait_for_the_channel(
    db, web, owner, login, deferred_tasks, django_capture_on_commit_callbacks
):
    webhook = _webhook(web)
    client = login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("notifications:chat-action", args=[webhook.pk, "test"]), follow=True
        )
    assert page.status_code == 200
    assert "A test message is on its way" in page.content.decode()
    assert web.hits == []  # the request queued the delivery and returned
    delivery = ChatDelivery.objects.get()
    assert delivery.key.startswith("test:")
    assert delivery.state == "pending"
    assert [result.args for result in deferred_tasks] == [[delivery.pk]]
    assert "1 message on its way" in page.content.decode()
    # The worker sends it later; the status part of the page then says so.
    chat_delivery_task.call(delivery.pk)
    assert len(web.posts) == 1
    status = client.get(reverse("notifications:chat"), headers={"HX-Request": "true"})
    assert "Working" in status.content.decode()
    assert "<h1>" not in status.content.decode()


def test_two_test_messages_are_two_deliveries(db, web, owner, login, deferred_tasks):
    webhook = _webhook(web)
    client = login(owner)
    for _ in range(2):
        client.post(reverse("notifications:chat-action", args=[webhook.pk, "test"]))
    assert ChatDelivery.objects.count() == 2


@pytest.mark.parametrize("persona", ["advocate", "curator"])
def test_only_owners_open_the_page(db, persona, login, request):
    user = request.getfixturevalue(persona)
    client = login(user)
    assert client.get(reverse("notifications:chat")).status_code == 403
    webhook = ChatWebhook.objects.create(name="x", service="slack", url="https://hooks.test/x")
    assert (
        client.post(reverse("notifications:chat-action", args=[webhook.pk, "delete"])).status_code
        == 403
    )
    assert ChatWebhook.objects.filter(pk=webhook.pk).exists()


def test_outsiders_are_sent_to_sign_in(db, outsider):
    page = outsider.get(reverse("notifications:chat"))
    assert page.status_code == 302


def _form(**extra):
    return {
        "name": "#news",
        "service": "slack",
        "url": "https://hooks.slack.com/services/T0/B0/xyz",
        "on_featured": "on",
        **extra,
    }


@pytest.fixture
def public_dns(monkeypatch):
    """hooks.slack.com resolves to a public address, without asking the internet."""
    import socket

    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host.endswith("slack.com"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("34.120.0.1", 0))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_an_owner_adds_a_webhook(db, owner, login, public_dns):
    page = login(owner).post(reverse("notifications:chat"), _form(), follow=True)
    webhook = ChatWebhook.objects.get()
    assert (webhook.name, webhook.service, webhook.created_by) == ("#news", "slack", owner)
    assert (webhook.on_featured, webhook.on_campaign) == (True, False)
    assert webhook.url == "https://hooks.slack.com/services/T0/B0/xyz"
    html = page.content.decode()
    assert "hooks.slack.com/…" in html
    assert "xyz" not in html


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://hooks.slack.com/services/T0/B0/xyz", "must start with https://"),
        ("https://127.0.0.1/hook", "private or local address"),
        ("https://10.1.2.3/hook", "private or local address"),
        ("https://localhost/hook", "private or local address"),
        ("https://hooks.slack.com:8443/x", "ports 80 and 443"),
        ("https://user:pw@hooks.slack.com/x", "user name and password"),
    ],
)
def test_an_unsafe_address_is_refused_with_a_form_error(db, owner, login, public_dns, url, error):
    page = login(owner).post(reverse("notifications:chat"), _form(url=url))
    assert page.status_code == 200
    assert error in page.content.decode()
    assert not ChatWebhook.objects.exists()


def test_a_webhook_needs_something_to_post(db, owner, login, public_dns):
    page = login(owner).post(reverse("notifications:chat"), _form(on_featured=""))
    assert "Choose at least one thing to post." in page.content.decode()
    assert not ChatWebhook.objects.exists()


def test_editing_keeps_the_address_unless_a_new_one_is_given(db, owner, login, public_dns):
    webhook = ChatWebhook.objects.create(
        name="old",
        service="slack",
        url="https://hooks.slack.com/services/T0/B0/xyz",
        consecutive_failures=3,
    )
    client = login(owner)
    form = client.get(reverse("notifications:chat-edit", args=[webhook.pk])).content.decode()
    assert "xyz" not in form
    client.post(
        reverse("notifications:chat-edit", args=[webhook.pk]),
        _form(name="new", url="", on_campaign="on"),
    )
    webhook.refresh_from_db()
    assert (webhook.name, webhook.on_campaign) == ("new", True)
    assert webhook.url.endswith("/xyz")
    assert webhook.consecutive_failures == 3
    client.post(
        reverse("notifications:chat-edit", args=[webhook.pk]),
        _form(url="https://hooks.slack.com/services/T0/B0/other"),
    )
    webhook.refresh_from_db()
    assert webhook.url.endswith("/other")
    assert webhook.consecutive_failures == 0  # a new address starts clean


def test_an_owner_pauses_resumes_and_removes_a_webhook(db, owner, login):
    webhook = ChatWebhook.objects.create(name="x", service="teams", url="https://t.test/x")
    client = login(owner)
    client.post(reverse("notifications:chat-action", args=[webhook.pk, "pause"]))
    webhook.refresh_from_db()
    assert not webhook.is_active
    assert "Paused" in client.get(reverse("notifications:chat")).content.decode()
    page = client.post(reverse("notifications:chat-action", args=[webhook.pk, "test"]), follow=True)
    assert "Turn the webhook on before testing it." in page.content.decode()
    client.post(reverse("notifications:chat-action", args=[webhook.pk, "resume"]))
    webhook.refresh_from_db()
    assert webhook.is_active
    client.post(reverse("notifications:chat-action", args=[webhook.pk, "delete"]))
    assert not ChatWebhook.objects.exists()
    assert client.post(reverse("notifications:chat-action", args=[1, "explode"])).status_code == 404


def test_the_page_lists_webhooks_in_a_few_queries(db, owner, login, django_assert_max_num_queries):
    for n in range(5):
        ChatWebhook.objects.create(name=f"w{n}", service="slack", url=f"https://h.test/{n}")
    client = login(owner)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("notifications:chat")).status_code == 200
