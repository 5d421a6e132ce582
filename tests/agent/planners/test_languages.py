"""The rules planner writes its own lines in the brief's language (es, fr, de, pt, it) and keeps the facts as
written; the directive is not spoken in any of them."""

from __future__ import annotations

import pytest

from aios.agent.planners import PlanRequest
from aios.agent.planners.headlines import headline
from aios.agent.planners.languages import BY_LANGUAGE, agree
from aios.agent.planners.rules import RulesPlanner
from aios.kernel.schemas import Brief

BRIEFS = {
    "es": ("Anuncia nuestra rebaja de primavera: 20% de descuento en toda la tienda hasta el domingo. "
           "Los socios tienen envío gratis.", "Anuncia", "20% de descuento en toda la tienda"),
    "fr": ("Annoncez nos soldes d'été : 30 % de remise sur tout le magasin jusqu'à dimanche. "
           "La livraison est offerte aux membres.", "Annoncez", "La livraison est offerte aux membres"),
    "de": ("Erkläre unsere neue Urlaubsregelung für alle Mitarbeiter. Jeder bekommt ab Januar 30 Urlaubstage. "
           "Anträge stellen Sie im Personalportal.", "Erkläre", "Jeder bekommt ab Januar 30 Urlaubstage"),
    "pt": ("Convide nossos clientes para o evento anual em Lisboa. Teremos palestras, oficinas e um jantar. "
           "O evento acontece no dia 12 de junho.", "Convide", "O evento acontece no dia 12 de junho"),
    "it": ("Presenta le nostre nuove cuffie wireless. La batteria dura 30 ore. Costano 79 euro.", "Presenta",
           "La batteria dura 30 ore"),
}


@pytest.mark.parametrize("language", sorted(BRIEFS))
def test_the_planner_writes_in_the_briefs_language(language: str) -> None:
    text, directive, fact = BRIEFS[language]
    brief = Brief(text=text, subject=text.split(".")[0], duration_s=20, aspect="9:16", tone="friendly",
                  language=language)
    storyboard = RulesPlanner().plan(PlanRequest(brief, []))
    lines = [s.narration for s in storyboard.scenes]
    said = " ".join(lines)
    assert directive not in said, "the directive is not spoken"
    assert fact in said, "facts stay in the brief's words"
    words = BY_LANGUAGE[language]
    hooks = [h for options in words.hooks.values() for h in options]
    assert any(lines[0].rstrip("!.").startswith(h.split("{")[0].rstrip()) for h in hooks if h.split("{")[0].strip()) \
        or any(lines[0].rstrip("!.").endswith(h.split("}")[-1].rstrip(".")) for h in hooks), lines[0]
    assert any(c in lines[-1] for options in words.cta.values() for c in options), lines[-1]
    assert "Remember" not in said and "Meet" not in said and "Here's" not in said


@pytest.mark.parametrize(("line", "language", "shown"), [
    ("Habrá música y comida local.", "es", "Música y comida local"),
    ("Las solicitudes se hacen en el portal.", "es", "Portal"),
    ("Teremos palestras, oficinas e um jantar.", "pt", "Oficinas e um jantar"),
    ("Jeder bekommt ab Januar 30 Urlaubstage.", "de", "30 Urlaubstage"),
    ("La batterie dure 30 heures.", "fr", "30 heures"),
    ("Genießen Sie 25 Prozent Rabatt auf alles.", "de", "25 Prozent"),
    ("Costano 79 euro.", "it", "79 euro"),
])
def test_headlines_outside_english_are_callouts_or_the_closing_phrase(line: str, language: str, shown: str) -> None:
    assert headline(line, fallback="Title", language=language) == shown


@pytest.mark.parametrize(("text", "subject"), [
    ("Kündige unseren Sommerschlussverkauf an: 25 Prozent Rabatt auf alles bis Sonntag.", "Unser Sommerschlussverkauf"),
    ("Stelle unser neues Faltrad vor. Es wiegt nur 9 Kilogramm.", "Unser neues Faltrad"),
    ("Invita a nuestros clientes a la feria de otoño en Sevilla. Habrá música.", "La feria de otoño en Sevilla"),
    ("Invitez nos clients à la journée portes ouvertes à Lyon. Il y aura un buffet.",
     "La journée portes ouvertes à Lyon"),
])
def test_the_subject_is_what_the_video_is_about_in_its_own_grammar(text: str, subject: str) -> None:
    language = "de" if "Kündige" in text or "Stelle" in text else "es" if "Invita " in text else "fr"
    brief = Brief(text=text, subject=text.split(".")[0], duration_s=20, aspect="9:16", tone="friendly",
                  language=language)
    storyboard = RulesPlanner().plan(PlanRequest(brief, []))
    assert storyboard.title == subject
    assert storyboard.scenes[0].on_screen_text == subject


@pytest.mark.parametrize(("language", "text", "wrong"), [
    ("it", "Annuncia i nostri saldi estivi: 30% di sconto su tutto fino a domenica.", "Arriva i"),
    ("es", "Anuncia nuestras rebajas de primavera: 20% de descuento hasta el domingo.", "Llega nuestras"),
    ("pt", "Anuncie nossas promoções de verão: 30% de desconto até domingo.", "Chegou nossas"),
    ("de", "Kündige unsere Sommerangebote an: 30% Rabatt auf alles bis Sonntag.", "Sommerangebote ist da"),
])
def test_hooks_never_make_a_verb_agree_with_a_plural_subject(language: str, text: str, wrong: str) -> None:
    for revision in range(6):  # every hook the seed can pick
        brief = Brief(text=text, subject=text.split(":")[0], duration_s=20, aspect="9:16", tone="friendly",
                      language=language)
        hook = RulesPlanner().plan(PlanRequest(brief, [], revision=revision)).scenes[0].narration
        assert wrong not in hook
    hooks = [h for options in BY_LANGUAGE[language].hooks.values() for h in options]
    assert all(not h.startswith("{Subject}") or ":" in h for h in hooks), "a subject that opens a hook takes no verb"


@pytest.mark.parametrize(("language", "verb", "subject", "said"), [
    ("it", "{Arriva|Arrivano}", "i nostri saldi estivi", "Vuoi risparmiare? Arrivano i nostri saldi estivi."),
    ("it", "{Arriva|Arrivano}", "la nostra promozione", "Vuoi risparmiare? Arriva la nostra promozione."),
    ("pt", "Quer economizar? {Chegou|Chegaram}", "nossas promoções", "Quer economizar? Chegaram nossas promoções."),
    ("es", "Ya {llega|llegan}", "nuestra rebaja de primavera", "Ya llega nuestra rebaja de primavera."),
])
def test_a_hooks_verb_agrees_with_its_subject(language: str, verb: str, subject: str, said: str) -> None:
    template = next(h for options in BY_LANGUAGE[language].hooks.values() for h in options if verb in h)
    assert agree(template, subject, language).format(subject=subject) == said
