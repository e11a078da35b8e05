"""Articles the API and loader tests share (written for the tests, not taken from any source)."""

ZAMFARA = {
    "title": "Gunmen kill five villagers in Nigeria's Zamfara",
    "body": ("Gunmen killed five villagers in an attack on the town of Gusau in Nigeria's Zamfara state on "
             "Sunday, police said."),
    "published": "2024-03-18", "published_precision": "day", "outlet": "Test Wire",
    "url": "https://example.org/zamfara",
}
