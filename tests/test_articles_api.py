"""POST /articles codes an article end to end; GET /articles and /articles/{id} read it back."""
from __future__ import annotations

ARTICLE = {
    "title": "Gunmen kill five villagers in Nigeria's Zamfara",
    "body": ("Gunmen killed five villagers in an attack on the town of Gusau in Nigeria's Zamfara state on "
             "Sunday, police said."),
    "published": "2024-03-18",
    "outlet": "Test Wire",
    "url": "https://example.org/zamfara",
}


def test_post_article_returns_its_coded_events_stored_with_evidence(client, dbq):
    resp = client.post("/articles", json=ARTICLE)
    assert resp.status_code == 201, resp.json
    body = resp.json
    assert resp.headers["Location"].endswith(f"/articles/{body['id']}")
    assert body["status"] == "new" and body["title"] == ARTICLE["title"]
    assert len(body["events"]) == 1
    event = body["events"][0]
    assert event["event_date"] == "2024-03-17"  # the Sunday before publication
    assert event["iso3"] == "NGA" and event["fatalities"] == 5
    assert event["event_type"] == "Violence against civilians"
    assert event["sources"][0]["article_id"] == body["id"]
    assert "Gunmen killed five villagers" in event["sources"][0]["evidence"]
    # in the database: the article, the event, its evidence with offsets into the stored body
    stored = dbq("SELECT a.body, s.evidence, s.start_offset, s.end_offset FROM event_sources s "
                 "JOIN articles a ON a.id = s.article_id")
    assert len(stored) == 1
    row = stored[0]
    assert row["body"][row["start_offset"]:row["end_offset"]] == row["evidence"]
    # the event reads back through /events with the same source
    listed = client.get("/events").json["items"]
    assert [e["id"] for e in listed] == [event["id"]]
    assert listed[0]["sources"][0]["url"] == ARTICLE["url"]


def test_posting_the_same_article_again_changes_nothing(client, dbq):
    first = client.post("/articles", json=ARTICLE).json
    before = dbq("SELECT id, updated_at FROM events ORDER BY id")
    again = client.post("/articles", json=ARTICLE)
    assert again.status_code == 200 and again.json["status"] == "unchanged"
    assert again.json["id"] == first["id"]
    assert dbq("SELECT id, updated_at FROM events ORDER BY id") == before
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 1


def test_posting_new_text_for_the_same_url_replaces_its_events(client, dbq):
    first = client.post("/articles", json=ARTICLE).json
    edited = dict(ARTICLE, body="Hundreds of traders protested peacefully in Gusau, Zamfara state, on Saturday "
                                "against new market taxes, organisers said.")
    resp = client.post("/articles", json=edited)
    assert resp.status_code == 200 and resp.json["status"] == "updated"
    assert [e["sub_event_type"] for e in resp.json["events"]] == ["Peaceful protest"]
    assert dbq("SELECT deleted_at IS NOT NULL AS gone FROM events WHERE id = %s",
               (first["events"][0]["id"],))[0]["gone"]


def test_get_articles_lists_and_reads_one(client):
    created = client.post("/articles", json=ARTICLE).json
    listing = client.get("/articles")
    assert listing.status_code == 200
    assert [a["id"] for a in listing.json["items"]] == [created["id"]]
    assert listing.json["items"][0]["event_count"] == 1 and listing.json["next"] is None
    one = client.get(f"/articles/{created['id']}")
    assert one.status_code == 200
    assert one.json["body"] == ARTICLE["body"] and len(one.json["events"]) == 1
    assert client.get("/articles/999999").status_code == 404


def test_article_pages_walk_every_article_once(client):
    for i in range(5):
        client.post("/articles", json=dict(ARTICLE, url=f"https://example.org/{i}", title=f"Report {i}",
                                           published=f"2024-03-1{i}"))
    seen, url = [], "/articles?limit=2"
    while url:
        page = client.get(url).json
        seen += [a["id"] for a in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 5


def test_bad_articles_are_rejected_and_change_nothing(client, dbq):
    for bad in ({**ARTICLE, "published": "yesterday"}, {**ARTICLE, "body": "   "},
                {k: v for k, v in ARTICLE.items() if k != "title"}, {**ARTICLE, "url": "not a url"},
                {**ARTICLE, "surprise": 1}):
        resp = client.post("/articles", json=bad)
        assert resp.status_code == 422, bad
        assert resp.mimetype == "application/problem+json"
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 0


def test_post_article_needs_a_json_body(client, dbq):
    resp = client.post("/articles", data="title=x", content_type="application/x-www-form-urlencoded")
    assert resp.status_code == 415 and resp.mimetype == "application/problem+json"
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 0


def test_articles_views_code_and_page_through_the_service_not_the_loader(app, client):
    import ast
    import inspect

    from service.articles import routes, service

    imported = {node.module for node in ast.walk(ast.parse(inspect.getsource(routes)))
                if isinstance(node, ast.ImportFrom)}
    assert not {"loader", "cli"} & imported  # a view never reaches into the CLI's loader
    for i in range(3):
        client.post("/articles", json=dict(ARTICLE, url=f"https://example.org/{i}", title=f"Report {i}",
                                           published=f"2024-03-1{i}"))
    with app.extensions["db"].session() as s:
        first, cursor = service.list_articles(s, 2, None)
        rest, end = service.list_articles(s, 2, cursor)
    assert [a["title"] for a in first + rest] == ["Report 2", "Report 1", "Report 0"] and end is None


def test_an_article_whose_incidents_have_no_country_is_stored_without_them(client, dbq):
    resp = client.post("/articles", json={
        "title": "Raid on a market", "published": "2024-05-06", "url": "https://example.org/nowhere",
        "body": "Gunmen raided the market of Quellbrook on Monday, killing four traders, a spokesman said."})

    assert resp.status_code == 201, resp.get_json()
    assert resp.get_json()["events"] == []
    assert dbq("SELECT count(*) AS n FROM articles")[0]["n"] == 1
    assert dbq("SELECT count(*) AS n FROM events")[0]["n"] == 0
