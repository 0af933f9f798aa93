from chorus.accounts import services


def test_me_answers_with_a_bearer_token(client, advocate):
    _row, token = services.api_token_create(user=advocate, name="test")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == advocate.email
    assert body["role"] == "advocate"
    assert body["is_advocate"] is True
    assert body["advocate_since"]


def test_me_refuses_a_missing_or_wrong_token_with_a_reason(client, db):
    for headers in ({}, {"Authorization": "Bearer chorus_wrong"}, {"Authorization": "Basic x"}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"


def test_a_revoked_token_stops_working(client, advocate):
    row, token = services.api_token_create(user=advocate, name="test")
    services.api_token_revoke(user=advocate, token_id=row.pk)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_deactivated_persons_token_stops_working(client, advocate):
    _row, token = services.api_token_create(user=advocate, name="test")
    advocate.is_active = False
    advocate.save()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_using_a_token_records_when(client, advocate):
    row, token = services.api_token_create(user=advocate, name="test")
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_the_openapi_document_describes_me_and_bearer_auth(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert "/api/v1/me" in doc["paths"]
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
