"""One-click unsubscribe (RFC 8058): the headers, the POST, the page, and the next send."""

from django.conf import settings
from django.urls import reverse

from chorus.notifications.choices import Channel, Kind
from chorus.notifications.selectors import notification_choices_of
from chorus.notifications.services import notify, unsubscribe_token


def _send(user, kind=Kind.QUESTION_ANSWERED):
    return notify(user=user, kind=kind, title="Your question has an answer", url="/questions/")


def _link(message) -> str:
    return message.extra_headers["List-Unsubscribe"].strip("<>")


def test_every_notification_email_carries_the_one_click_headers(
    advocate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(advocate)
    message = mailoutbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = unsubscribe_token(user_id=advocate.pk, kind=Kind.QUESTION_ANSWERED)
    assert _link(message) == settings.CHORUS_BASE_URL + reverse(
        "notifications:unsubscribe", args=[token]
    )
    assert _link(message) in message.body
    assert _link(message) in message.alternatives[0].content


def test_the_mail_clients_one_click_post_unsubscribes_and_the_next_send_sends_no_email(
    client, advocate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(advocate)
    path = _link(mailoutbox[0]).split("://", 1)[1].split("/", 1)[1]
    # What a mail client sends (RFC 8058): a POST without cookies or CSRF token.
    response = client.post("/" + path, {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True)
    assert response.status_code == 200
    assert notification_choices_of(user=advocate)[Kind.QUESTION_ANSWERED, Channel.EMAIL] is False
    with django_capture_on_commit_callbacks(execute=True):
        notice = _send(advocate)
    assert len(mailoutbox) == 1  # nothing new by e-mail
    assert notice is not None  # the app still shows it
    with django_capture_on_commit_callbacks(execute=True):
        _send(advocate, kind=Kind.FLAG_REPLY)
    assert len(mailoutbox) == 2  # other kinds still come


def test_an_unsubscribe_between_queueing_and_sending_is_honoured(
    advocate, mailoutbox, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _send(advocate)
    token = unsubscribe_token(user_id=advocate.pk, kind=Kind.QUESTION_ANSWERED)
    client.post(reverse("notifications:unsubscribe", args=[token]))
    for callback in callbacks:
        callback()
    assert mailoutbox == []


def test_opening_the_link_does_not_unsubscribe_it_shows_a_button(client, advocate):
    token = unsubscribe_token(user_id=advocate.pk, kind=Kind.QUESTION_ANSWERED)
    url = reverse("notifications:unsubscribe", args=[token])
    response = client.get(url)
    assert response.status_code == 200
    assert notification_choices_of(user=advocate)[Kind.QUESTION_ANSWERED, Channel.EMAIL] is True
    page = response.content.decode()
    assert '<form method="post">' in page
    assert advocate.email in page
    assert "My question answered" in page
    response = client.post(url)
    assert "gets no more e-mails" in response.content.decode()


def test_a_bad_or_tampered_token_answers_400_with_a_clear_page(client, advocate):
    token = unsubscribe_token(user_id=advocate.pk, kind=Kind.QUESTION_ANSWERED)
    other = unsubscribe_token(user_id=advocate.pk + 1, kind=Kind.QUESTION_ANSWERED)
    swapped = other.split(":")[0] + ":" + token.split(":")[1]  # another person, our signature
    for bad in ("nonsense", token[:-2] + "xx", swapped):
        for method in (client.get, client.post):
            response = method(reverse("notifications:unsubscribe", args=[bad]))
            assert response.status_code == 400
            assert "This unsubscribe link is not valid." in response.content.decode()
    assert notification_choices_of(user=advocate)[Kind.QUESTION_ANSWERED, Channel.EMAIL] is True


def test_a_token_for_another_purpose_does_not_unsubscribe(client, advocate):
    from django.core import signing

    forged = signing.Signer(salt="another.purpose").sign_object([advocate.pk, "question_answered"])
    assert client.post(reverse("notifications:unsubscribe", args=[forged])).status_code == 400
