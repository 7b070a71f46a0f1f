import pytest

from sightline.accounts.tests.factories import UserFactory


def test_anonymous_visitors_are_sent_to_sign_in(public, db):
    response = public.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/")


def test_the_home_page_names_the_users_council_and_role(as_vera):
    response = as_vera.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Arden District Council" in body
    assert "viewer at Arden District Council" in body
    assert 'class="govuk-skip-link"' in body


def test_a_user_with_no_council_gets_a_clear_403(client, db):
    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 403
    assert "not a member of any council" in response.content.decode()


def test_home_refuses_post(as_vera):
    assert as_vera.post("/").status_code == 405


@pytest.mark.parametrize("path", ["/", "/council/", "/account/"])
def test_page_query_counts_are_small(as_alice, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(12):
        assert as_alice.get(path).status_code == 200
