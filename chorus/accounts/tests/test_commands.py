import pytest
from django.core.management import CommandError, call_command


def test_issue_api_token_prints_a_token_that_opens_the_api(client, advocate, capsys):
    call_command("issue_api_token", advocate.email)
    token = capsys.readouterr().out.strip()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["email"] == advocate.email


def test_issue_api_token_refuses_an_unknown_address(db):
    with pytest.raises(CommandError, match="No active person"):
        call_command("issue_api_token", "nobody@acme.test")
