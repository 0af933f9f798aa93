from chorus.accounts import services
from chorus.notifications.choices import Kind
from chorus.notifications.services import notify


def _auth(user):
    _row, token = services.api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {token}"}


def test_the_api_lists_my_notifications_and_marks_them_read(client, advocate, employee):
    first = notify(user=advocate, kind=Kind.FLAG_REPLY, title="First", url="/flags/1/")
    notify(user=advocate, kind=Kind.QUESTION_ANSWERED, title="Second")
    notify(user=employee, kind=Kind.QUESTION_ANSWERED, title="Not mine")
    headers = _auth(advocate)
    body = client.get("/api/v1/notifications", headers=headers).json()
    assert [n["title"] for n in body["items"]] == ["Second", "First"]
    assert body["unread"] == 2
    assert body["items"][1]["kind"] == "flag_reply"
    assert body["items"][1]["url"] == "/flags/1/"
    response = client.post(
        "/api/v1/notifications/read",
        {"ids": [first.pk]},
        content_type="application/json",
        headers=headers,
    )
    assert response.json() == {"marked": 1}
    unread = client.get("/api/v1/notifications?unread=1", headers=headers).json()
    assert [n["title"] for n in unread["items"]] == ["Second"]
    response = client.post(
        "/api/v1/notifications/read", {}, content_type="application/json", headers=headers
    )
    assert response.json() == {"marked": 1}
    assert client.get("/api/v1/notifications", headers=headers).json()["unread"] == 0


def test_the_notifications_api_needs_a_token(client, db):
    assert client.get("/api/v1/notifications").status_code == 401
