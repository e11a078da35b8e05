"""Splitting files into articles and stripping page furniture."""

from pathlib import Path

from service.extraction.articles import is_caption, split_articles

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_2e4a2c431bf925ae.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def test_seed_file_holds_two_articles_without_furniture():
    articles = split_articles(SEED.read_text(encoding="utf-8"))
    assert [a.title[:20] for a in articles] == ["ISIS Landmines Kill ", "Palestinians in Jeni"]
    first, second = articles
    assert first.body.startswith("Ten Russia-backed fighters were killed")
    assert "Reuters file photo" not in first.body and "\nTT\n" not in first.body
    assert "December 21, 2024" not in second.body  # the caption's date is not body text
    assert second.body.startswith("Palestinians in the volatile northern West Bank town")
    assert first.title not in first.body


def test_caption_patterns():
    assert is_caption("Syrian soldiers stand near a checkpoint. (Reuters file photo)")
    assert is_caption("Demonstrators march. (AP Photo/Eranga Jayawardena)")
    assert is_caption("A police officer disperses demonstrators. (Photo by Jaafar ASHTIYEH / AFP)")
    assert not is_caption("Ten fighters were killed when landmines exploded.")


def test_header_lines_are_read_not_coded():
    articles = split_articles((FIXTURES / "burkina_convoy.txt").read_text(encoding="utf-8"))
    assert len(articles) == 1
    assert articles[0].header["published"] == "2025-03-05"
    assert articles[0].title.startswith("Roadside bomb kills six soldiers")
    assert articles[0].body.startswith("An army supply convoy")


def test_fixture_with_two_articles_and_captions():
    articles = split_articles((FIXTURES / "two_articles.txt").read_text(encoding="utf-8"))
    assert [a.title for a in articles] == [
        "Militants Kill 7 in Attack on Nigerian Village", "Sri Lankan Protesters Rally in Colombo"]
    assert all("Photo" not in a.body and "TT" not in a.body.split() for a in articles)
