"""A local stand-in for the stock providers (Pexels, Pixabay, Openverse, Wikimedia Commons): their documented
search answers and file downloads over real HTTP, offline, for tests, the eval and the README's footage sample.

Every provider offers drawn "photos" of the same topics, three of each topic upright and three across: the first is
the same picture on every provider that lists the topic (as on the real sites), the others are the provider's own;
each has a description, tags, an author and a licence per provider. Searches match words of the query against
descriptions and tags; a query that matches nothing gets a few loosely related pictures, as real providers
answer. A script can make the next calls fail with a status (429 with Retry-After) and records requests.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

TOPICS = (  # (what the picture shows, the tags a provider's contributors gave it, some in other languages)
    ("shopping bags and a sale sign in a store window",
     "sale discount offer shop store retail spring summer rebaja descuento soldes remise rabatt promoção saldi sconto"),
    ("wireless earbuds in a charging case on a desk", "earbuds headphones audio music gadget launch écouteurs cuffie"),
    ("a child smiling in a dentist chair with braces", "dental dentist orthodontics teeth children health"),
    ("parents holding a newborn baby at home", "parental leave family baby parents benefits policy"),
    ("coins and a piggy bank for retirement savings", "money savings retirement pension match finance budget"),
    ("a calendar page with a circled date and a pen",
     "deadline date calendar enrollment schedule reminder booking holiday vacaciones férias ferie urlaub"),
    ("a speaker on stage giving a conference keynote", "conference keynote summit speaker event stage design"),
    ("people at a hands-on workshop around a table", "workshop training meetup team learning webinar ateliers"),
    ("a festive awards dinner with trophies", "awards dinner gala celebration party charity"),
    ("the old town of Lisbon with a yellow tram", "lisbon lisboa city travel tram portugal studio"),
    ("a bridge under construction with a temporary walkway", "bridge construction walkway repair works"),
    ("a commuter train at a station platform", "train station rail transit commute line track riders"),
    ("a shop front with an open sign and opening hours", "hours open closed store notice opening close"),
    ("an engineer repairing power lines after an outage", "outage power electricity repair maintenance storm"),
    ("a diverse office team in a meeting", "office team staff employees hiring jobs careers review feedback"),
    ("a developer writing code on a laptop", "developer software code laptop engineers backend remote"),
    ("a barista pouring coffee", "coffee cafe barista espresso cold brew latte"),
    ("a runner checking a fitness watch heart rate", "fitness running gym watch heart health run"),
    ("a folding bicycle on a city street", "bike bicycle cycling commute folding faltrad aurora lanes"),
    ("a delivery van with parcels for free shipping", "delivery shipping parcels returns orders drivers label"),
    ("a rising bar chart of sales results", "results growth sales chart revenue quarter report million"),
    ("a smartphone showing an app", "app phone mobile login download password security sign"),
    ("a customer support agent with a headset", "support customer service help call agents tickets"),
    ("a plate of fresh food", "food restaurant chef kitchen menu seafood meals comida cibo"),
    ("spring flowers in bloom", "spring flowers garden plant season primavera"),
    ("a sunny summer beach", "summer beach heatwave sun holiday heat été verano"),
    ("a snowy winter street", "winter snow cold weather"),
    ("a city skyline at dusk", "city skyline urban news council election"),
    ("a modern factory floor with machines", "factory manufacturing production machines energy open day"),
    ("students in a classroom", "school students teachers classroom education exams math"),
    ("a nurse in a hospital corridor", "hospital nurse nurses clinic health care night shift appointments"),
    ("an abstract colorful texture background", "abstract background texture colorful"),
    ("a loaf of sourdough bread on a bakery counter", "bakery bread sourdough croissant loaves pastry baked"),
    ("solar panels on a house roof", "solar panels kit energy roof kilowatts home"),
    ("shelves of books in a cozy bookshop", "books bookshop library reading titles stories"),
    ("a plumber fixing a kitchen sink", "plumber plumbing repair pipes emergency water"),
    ("a steel water bottle on a hiking trail", "water bottle steel drinks cold botella garrafa flasche"),
    ("a phishing warning on a laptop screen", "phishing security password email scam"),
    ("a welcome desk with a laptop and a badge", "welcome onboarding starters badge laptop tour"),
    ("people stretching in a yoga class", "wellbeing yoga wellness health program"),
    ("a food stall at an outdoor summer fair", "fair festival stalls music outdoor feria festa fête"),
    ("a crowd at a concert with stage lights", "album launch party concert music night"),
    ("a runner crossing a finish line in a park", "fun run race park charity kilometers"),
    ("a warehouse with stacked boxes and a forklift", "warehouse boxes forklift logistics season"),
    ("a designer sketching on a tablet", "designers design product studio creative"),
    ("volunteers packing food boxes", "volunteers food bank charity donations meals"),
    ("a swimming pool with lane ropes", "pool swimming closed members repairs"),
    ("an empty car park with painted lines", "parking car park resurfacing closed"),
    ("a bank card at a payment terminal", "bank card payments terminal delayed"),
    ("sorted recycling bins in green and blue", "recycling bins glass paper waste sort"),
    ("a potted plant on a sunny windowsill", "plant water care windowsill"),
    ("a meeting room with a booked screen", "meeting room booking calendar guests"),
    ("a laptop connecting to a secure network", "vpn network connect client work"),
    ("a first aid kit and a person helping", "first aid help choking emergency"),
    ("an office printer with printed pages", "printer print pages badge floor"),
    ("a football team celebrating a win", "football club games season attendance"),
    ("children reading books at a library table", "reading clubs children books cities"),
    ("a city bus at a stop", "bus ridership city transport"),
    ("a person working from home at a kitchen table", "remote work home télétravail homeoffice"),
    ("a traveller with a suitcase at an airport", "travel flights expenses hotel trip"),
    ("a receipt photographed with a phone", "receipt expenses photo submit"),
    ("a delivery parcel in the rain", "storm delay delivery weather late"),
    ("a website maintenance page on a screen", "website upgrade maintenance down orders"),
)
LICENCES = {"pexels": ("pexels",), "pixabay": ("pixabay",), "openverse": ("by", "cc0", "by-sa", "pdm"),
            "wikimedia": ("CC BY-SA 4.0", "CC BY 4.0", "Public domain", "CC0")}
PROVIDERS = {"pexels": range(0, len(TOPICS)), "pixabay": range(0, len(TOPICS)),
             "openverse": range(1, len(TOPICS), 2), "wikimedia": range(0, len(TOPICS), 3)}
SLOTS = 3  # pictures of a topic per provider and shape
OWN = {"pexels": 1, "pixabay": 2, "openverse": 3, "wikimedia": 4}  # whose slots 1 and 2 are drawn from
STOP = {"a", "an", "the", "and", "of", "in", "on", "with", "for", "at", "to", "our", "your", "new"}


@dataclass
class Script:
    """How the stand-in behaves; tests change it between calls."""

    fail: dict[str, list[int]] = field(default_factory=dict)  # path prefix -> statuses for the next calls
    retry_after: str = "0"
    seen: list[tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=list)  # path, params, headers


def words(text: str) -> set[str]:
    """Content words, cut to five letters so plurals and verb forms meet."""
    return {w[:5] for w in re.findall(r"\w+", text.lower()) if w not in STOP and len(w) > 2}


def matches(query: str, ids: range) -> list[int]:
    """Topic numbers by words shared with the query, best first; three loose ones when none share a word."""
    wanted = words(query)
    scored = sorted(((len(wanted & words(" ".join(TOPICS[i]))), i) for i in ids), key=lambda p: (-p[0], p[1]))
    hits = [i for score, i in scored if score]
    return hits or [i for _, i in scored[-3:]]


def number_of(provider: str, topic: int, slot: int, upright: bool) -> int:
    """The file number of a picture: the shared slot 0 is one file for every provider."""
    owner = 0 if slot == 0 else OWN[provider]
    return ((topic * 5 + owner) * SLOTS + slot) * 2 + (0 if upright else 1)


def picture(number: int) -> bytes:
    """A JPEG "photo": soft shapes over a gradient, different for every file number."""
    upright = number % 2 == 0
    topic = number // 2 // SLOTS // 5
    seed = int(hashlib.sha256(f"{TOPICS[topic][0]} {number}".encode()).hexdigest()[:8], 16)
    rng = np.random.default_rng(seed)
    size = (720, 1080) if upright else (1080, 720)
    top, bottom = rng.integers(30, 225, 3), rng.integers(30, 225, 3)
    ramp = np.linspace(0, 1, size[1])[:, None, None]
    pixels = (top * (1 - ramp) + bottom * ramp).repeat(size[0], axis=1)
    image = Image.fromarray(pixels.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y, r = int(rng.integers(0, size[0])), int(rng.integers(0, size[1])), int(rng.integers(40, 260))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(int(c) for c in rng.integers(0, 255, 3)))
    image = image.filter(ImageFilter.GaussianBlur(6))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


class StandIn:
    """The answers, by provider."""

    def __init__(self, url: str) -> None:
        self.url = url

    def item(self, provider: str, topic: int, slot: int, upright: bool) -> dict[str, Any]:
        """The fields a client reads, in the provider's shape (ids: the file number)."""
        number = number_of(provider, topic, slot, upright)
        licence = LICENCES[provider][number % len(LICENCES[provider])]
        (text, tags), author = TOPICS[topic], f"Photographer {number % 97}"
        file = f"{self.url}/files/{number}.jpg"
        width, height = (720, 1080) if upright else (1080, 720)
        if provider == "pexels":
            return {"id": 1000 + number, "width": width, "height": height, "url": f"{self.url}/photo/{number}",
                    "photographer": author, "photographer_url": f"{self.url}/@p{topic}", "alt": text,
                    "src": {"original": file, "large2x": file, "large": file, "medium": file}}
        if provider == "pixabay":
            return {"id": 2000 + number, "pageURL": f"{self.url}/photos/{number}", "tags": ", ".join(tags.split()[:5]),
                    "largeImageURL": file, "webformatURL": file, "imageWidth": width, "imageHeight": height,
                    "user": f"user{topic}", "user_id": topic}
        if provider == "openverse":
            return {"id": f"ov-{number}", "title": text, "url": file, "foreign_landing_url": f"{self.url}/ov/{number}",
                    "creator": author, "creator_url": "", "license": licence, "license_version": "4.0",
                    "license_url": f"https://creativecommons.org/licenses/{licence}/4.0/", "provider": "flickr",
                    "source": "flickr", "tags": [{"name": w} for w in tags.split()], "width": width,
                    "height": height, "mature": False}
        return {"pageid": 3000 + number, "title": f"File:{text.capitalize()}.jpg", "imageinfo": [{
            "url": file, "thumburl": file, "descriptionurl": f"{self.url}/wiki/File:{number}", "width": width,
            "height": height, "mime": "image/jpeg", "extmetadata": {
                "LicenseShortName": {"value": licence}, "Artist": {"value": f"<a href='/u'>{author}</a>"},
                "ImageDescription": {"value": f"<p>{text} ({tags})</p>"}, "LicenseUrl": {"value": ""}}}]}

    def answer(self, path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, Any]:
        """(status, JSON body) for a search."""
        orientation = {"vertical": "portrait", "tall": "portrait", "horizontal": "landscape",
                       "wide": "landscape"}.get(params.get("orientation") or params.get("aspect_ratio", ""),
                                                params.get("orientation", ""))

        def found(provider: str, query: str, count: int) -> list[dict[str, Any]]:
            shapes = {"portrait": (True,), "landscape": (False,)}.get(orientation, (True, False))
            return [self.item(provider, t, slot, upright) for t in matches(query, PROVIDERS[provider])
                    for slot in range(SLOTS) for upright in shapes][:count]

        if path == "/v1/search":
            if not headers.get("authorization"):
                return 401, {"error": "Authorization field missing"}
            photos = found("pexels", params.get("query", ""), int(params.get("per_page", 15)))
            return 200, {"page": 1, "per_page": len(photos), "total_results": len(photos), "photos": photos}
        if path == "/api/":
            if not params.get("key"):
                return 400, {"error": "[ERROR 400] \"key\" is required"}
            hits = found("pixabay", params.get("q", ""), int(params.get("per_page", 20)))
            return 200, {"total": len(hits), "totalHits": len(hits), "hits": hits}
        if path == "/v1/images/":
            results = found("openverse", params.get("q", ""), int(params.get("page_size", 20)))
            return 200, {"result_count": len(results), "page_count": 1, "page_size": len(results), "page": 1,
                         "results": results}
        if path == "/w/api.php":
            if not headers.get("user-agent"):
                return 403, {"error": "Please set a user-agent"}
            query = params.get("gsrsearch", "").replace("filetype:bitmap", "")
            limit = int(params.get("gsrlimit", 10))
            pages = [p | {"index": n + 1} for n, p in enumerate(found("wikimedia", query, limit))]
            return 200, {"batchcomplete": True, "query": {"pages": pages}}
        return 404, {"error": "not found"}


@contextmanager
def serve() -> Iterator[tuple[str, Script]]:
    """Run the stand-in on a free local port; yields its base URL and the script that steers it."""
    script = Script()
    cache: dict[int, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            params = {k: v[0] for k, v in parse_qs(parsed.query).items()}
            script.seen.append((parsed.path, params, {k.lower(): v for k, v in self.headers.items()}))
            for prefix, statuses in script.fail.items():
                if parsed.path.startswith(prefix) and statuses:
                    self._send(statuses.pop(0), b'{"error": "scripted"}', "application/json",
                               {"Retry-After": script.retry_after})
                    return
            file = re.fullmatch(r"/files/(\d+)\.jpg", parsed.path)
            if file and int(file.group(1)) < 2 * SLOTS * 5 * len(TOPICS):
                number = int(file.group(1))
                self._send(200, cache.setdefault(number, picture(number)), "image/jpeg")
                return
            status, body = standin.answer(parsed.path, params, {k.lower(): v for k, v in self.headers.items()})
            self._send(status, json.dumps(body).encode(), "application/json")

        def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    standin = StandIn(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield standin.url, script
    finally:
        server.shutdown()
        server.server_close()


def settings_for(url: str) -> dict[str, Any]:
    """Settings that point every provider at the stand-in (with placeholder keys)."""
    return {"stock_providers": ["pexels", "pixabay", "openverse", "wikimedia"], "pexels_api_key": "standin",
            "pixabay_api_key": "standin", "pexels_url": url, "pixabay_url": url, "openverse_url": url,
            "wikimedia_url": url}
