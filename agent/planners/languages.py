"""The rules planner's own words in Spanish, French, German, Portuguese and Italian (English: templates.py): hooks,
calls to action, lead-ins, the recap, and the verbs and format words that mark a brief's directive. Facts stay in
the brief's own words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aios.agent.planners import templates


@dataclass(frozen=True)
class Phrases:
    """What the planner writes in one language."""

    hooks: dict[str, list[str]]
    cta: dict[str, list[str]]
    lead_in: dict[str, str] = field(default_factory=dict)
    recap: str = "Remember: {}."
    calendar: str = "Mark your calendar: {}."
    stress: list[str] = field(default_factory=list)  # a fact's figure said again ("That's 16 weeks.")
    urgency: list[str] = field(default_factory=list)  # a deadline as a reason to act now
    connectors: list[str] = field(default_factory=list)  # before the second and later facts
    last_connectors: list[str] = field(default_factory=list)  # before the last fact
    sign_off: dict[str, list[str]] = field(default_factory=dict)  # closing words that name the subject
    framing: frozenset[str] = frozenset()
    format_words: frozenset[str] = frozenset()


SPANISH = Phrases(
    hooks={"announce": ["Te presentamos {subject}.", "Ya {llega|llegan} {subject}.", "Conoce {subject}."],
           "promote": ["¿Listo para ahorrar? {Llega|Llegan} {subject}.", "No te pierdas {subject}.",
                       "Ya {empieza|empiezan} {subject}."],
           "explain": ["Esto es lo que cambia: {subject}.", "Te lo contamos todo: {subject}."],
           "invite": ["Estás invitado: {subject}.", "Te esperamos: {subject}."],
           "summarize": ["Lo último: {subject}.", "Ponte al día: {subject}."],
           "generic": ["Descubre {subject}.", "Te presentamos {subject}."]},
    cta={"announce": ["Consíguelo hoy.", "Descubre más hoy."], "promote": ["Compra ya.", "No esperes: compra hoy."],
         "explain": ["¿Dudas? Habla con tu equipo.", "Consulta los detalles que te afectan."],
         "invite": ["Reserva tu plaza hoy.", "¡Te esperamos!"], "summarize": ["Síguenos para más noticias."],
         "generic": ["Descubre más hoy."]},
    lead_in={"invite": "Habrá", "announce": "Incluye", "promote": "Disfruta de"},
    recap="Recuerda: {}.", calendar="Apunta la fecha: {}.",
    stress=["Sí: {}.", "Así es: {}."], connectors=["Además:", "Y también:"], last_connectors=["Y por último:"],
    sign_off={"invite": ["{Subject}: ¡allí nos vemos!"], "generic": ["{Subject}, para ti."]},
    framing=frozenset({"anuncia", "anunciar", "explica", "explicar", "invita", "invitar", "promociona", "resume",
                       "resumir", "presenta", "presentar", "lanza", "crea", "haz", "haga", "cuenta", "muestra"}),
    format_words=frozenset({"vídeo", "video", "segundos", "minutos", "vertical", "cuadrado", "anuncio"}))

FRENCH = Phrases(
    hooks={"announce": ["Découvrez {subject}.", "Voici {subject}.", "C'est parti : {subject}."],
           "promote": ["Envie de faire des économies ? Voici {subject}.", "Ne manquez pas {subject}."],
           "explain": ["Voici ce qui change : {subject}.", "L'essentiel : {subject}."],
           "invite": ["Vous êtes invités : {subject}.", "Rejoignez-nous : {subject}."],
           "summarize": ["Les dernières nouvelles : {subject}.", "En bref : {subject}."],
           "generic": ["Découvrez {subject}.", "Voici {subject}."]},
    cta={"announce": ["Découvrez-le dès aujourd'hui."], "promote": ["Achetez dès maintenant.", "Profitez-en vite."],
         "explain": ["Des questions ? Parlez-en à votre équipe."], "invite": ["Réservez votre place dès aujourd'hui."],
         "summarize": ["Suivez-nous pour la suite."], "generic": ["Découvrez-en plus dès aujourd'hui."]},
    lead_in={"invite": "Au programme :", "announce": "Vous profitez de", "promote": "Profitez de"},
    recap="À retenir : {}.", calendar="Notez la date : {}.",
    stress=["Oui : {}.", "Exactement : {}."], connectors=["En plus :", "Et aussi :"], last_connectors=["Et enfin :"],
    sign_off={"invite": ["{Subject} : on vous y attend."], "generic": ["{Subject}, pour vous."]},
    framing=frozenset({"annonce", "annoncez", "explique", "expliquez", "invite", "invitez", "présente", "présentez",
                       "résume", "résumez", "lance", "lancez", "crée", "créez", "fais", "faites", "fais-nous"}),
    format_words=frozenset({"vidéo", "video", "secondes", "minutes", "verticale", "carrée", "clip"}))

GERMAN = Phrases(
    hooks={"announce": ["Darf ich vorstellen: {subject}.", "Neu: {subject}.", "Das ist {subject}."],
           "promote": ["Lust zu sparen? Endlich da: {subject}.", "Nicht verpassen: {subject}."],
           "explain": ["Das ändert sich: {subject}.", "Alles Wichtige auf einen Blick: {subject}."],
           "invite": ["Sie sind eingeladen: {subject}.", "Seien Sie dabei: {subject}."],
           "summarize": ["Das Neueste: {subject}.", "Kurz erklärt: {subject}."],
           "generic": ["Entdecken Sie {subject}.", "Neu für Sie: {subject}."]},
    cta={"announce": ["Jetzt entdecken."], "promote": ["Jetzt zugreifen.", "Jetzt einkaufen."],
         "explain": ["Fragen? Sprechen Sie Ihr Team an."], "invite": ["Sichern Sie sich heute Ihren Platz."],
         "summarize": ["Folgen Sie uns für mehr."], "generic": ["Mehr erfahren Sie heute."]},
    lead_in={"invite": "Freuen Sie sich auf", "announce": "Sie bekommen", "promote": "Genießen Sie"},
    recap="Zur Erinnerung: {}.", calendar="Merken Sie sich den Termin: {}.",
    stress=["Genau: {}.", "Richtig: {}."], connectors=["Außerdem:", "Und:"], last_connectors=["Und schließlich:"],
    sign_off={"invite": ["{Subject}: Wir sehen uns dort."], "generic": ["{Subject} – für Sie."]},
    framing=frozenset({"kündige", "kündigen", "erkläre", "erklären", "erklärt", "lade", "laden", "stelle", "stellen",
                       "fasse", "fassen", "bewirb", "bewerben", "erstelle", "erstellen", "mache", "machen"}),
    format_words=frozenset({"video", "sekunden", "minuten", "hochformat", "querformat", "quadratisch", "clip"}))

PORTUGUESE = Phrases(
    hooks={"announce": ["Conheça {subject}.", "{Chegou|Chegaram} {subject}.", "Apresentamos {subject}."],
           "promote": ["Quer economizar? {Chegou|Chegaram} {subject}.", "Não perca {subject}."],
           "explain": ["Veja o que muda: {subject}.", "O que você precisa saber: {subject}."],
           "invite": ["Você está convidado: {subject}.", "Esperamos por você: {subject}."],
           "summarize": ["As últimas notícias: {subject}.", "Em resumo: {subject}."],
           "generic": ["Descubra {subject}.", "Conheça {subject}."]},
    cta={"announce": ["Garanta o seu hoje."], "promote": ["Compre já.", "Aproveite hoje."],
         "explain": ["Dúvidas? Fale com a sua equipe."], "invite": ["Garanta sua vaga hoje."],
         "summarize": ["Siga-nos para mais novidades."], "generic": ["Saiba mais hoje."]},
    lead_in={"invite": "Teremos", "announce": "Você ganha", "promote": "Aproveite"},
    recap="Lembre-se: {}.", calendar="Anote a data: {}.",
    stress=["Isso mesmo: {}.", "Sim: {}."], connectors=["Além disso:", "E também:"], last_connectors=["E por fim:"],
    sign_off={"invite": ["{Subject}: esperamos por você."], "generic": ["{Subject}, para você."]},
    framing=frozenset({"anuncie", "anuncia", "explique", "explica", "convide", "convida", "apresente", "apresenta",
                       "resuma", "resume", "lance", "lança", "crie", "cria", "faça", "faz", "divulgue"}),
    format_words=frozenset({"vídeo", "video", "segundos", "minutos", "vertical", "quadrado"}))

ITALIAN = Phrases(
    hooks={"announce": ["Ecco {subject}.", "Scopri {subject}.", "Ti presentiamo {subject}."],
           "promote": ["Vuoi risparmiare? {Arriva|Arrivano} {subject}.", "Non perdere {subject}."],
           "explain": ["Ecco cosa cambia: {subject}.", "Da sapere: {subject}."],
           "invite": ["Sei invitato: {subject}.", "Ti aspettiamo: {subject}."],
           "summarize": ["Le ultime notizie: {subject}.", "In breve: {subject}."],
           "generic": ["Scopri {subject}.", "Ecco {subject}."]},
    cta={"announce": ["Scoprilo oggi."], "promote": ["Acquista ora.", "Approfittane oggi."],
         "explain": ["Domande? Parlane con il tuo team."], "invite": ["Prenota il tuo posto oggi."],
         "summarize": ["Seguici per altre notizie."], "generic": ["Scopri di più oggi."]},
    lead_in={"invite": "Ti aspettano", "announce": "Ottieni", "promote": "Approfitta di"},
    recap="Ricorda: {}.", calendar="Segna la data: {}.",
    stress=["Esatto: {}.", "Proprio così: {}."], connectors=["Inoltre:", "E poi:"], last_connectors=["E infine:"],
    sign_off={"invite": ["{Subject}: ti aspettiamo."], "generic": ["{Subject}, per te."]},
    framing=frozenset({"annuncia", "annunciate", "spiega", "spiegate", "invita", "invitate", "presenta",
                       "presentate", "riassumi", "riassumete", "lancia", "crea", "create", "fai", "promuovi"}),
    format_words=frozenset({"video", "secondi", "minuti", "verticale", "quadrato", "clip"}))

ENGLISH = Phrases(hooks=templates.HOOKS, cta=templates.CTA, lead_in=templates.LEAD_IN, stress=templates.STRESS,
                  urgency=templates.URGENCY, connectors=templates.CONNECTORS,
                  last_connectors=templates.LAST_CONNECTORS, sign_off=templates.SIGN_OFF)
BY_LANGUAGE = {"en": ENGLISH, "es": SPANISH, "fr": FRENCH, "de": GERMAN, "pt": PORTUGUESE, "it": ITALIAN}


def phrases(language: str) -> Phrases:
    """The planner's words for a language (English for one it has none for: facts still stay as written)."""
    return BY_LANGUAGE.get(language.split("-")[0].lower(), ENGLISH)


# A hook's {singular|plural} verb agrees with its subject: in English by the subject's last word ("our new earbuds
# are"), elsewhere by its determiner ("{Arriva|Arrivano} i nostri saldi").
_PLURAL = {"es": {"los", "las", "nuestros", "nuestras", "sus", "estos", "estas", "unos", "unas"},
           "pt": {"os", "as", "nossos", "nossas", "seus", "suas", "estes", "estas", "uns", "umas"},
           "it": {"i", "gli", "le", "nostri", "nostre", "suoi", "sue", "questi", "queste"},
           "fr": {"les", "nos", "des", "ses", "ces"}}
_CHOICE = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")


def plural(subject: str, language: str = "en") -> bool:
    """Whether a noun phrase reads as plural: in English (or a language written with the English phrases) its last
    word ('our new earbuds', 'the benefits'), elsewhere its determiner ('i nostri saldi')."""
    words = subject.lower().split()
    if not words:
        return False
    if phrases(language) is ENGLISH:
        last = words[-1]
        return last.endswith("s") and not last.endswith(("ss", "us", "is", "news", "'s")) and len(last) > 3
    return words[0] in _PLURAL.get(language.split("-")[0].lower(), set())


def agree(template: str, subject: str, language: str) -> str:
    """The template with each {singular|plural} verb in the subject's number."""
    many = plural(subject, language)
    return _CHOICE.sub(lambda m: m.group(2 if many else 1), template)


def hooks(language: str, intent: str) -> list[str]:
    """Hooks for an intent, or the language's generic ones."""
    table = phrases(language).hooks
    return table.get(intent) or table["generic"]


def ctas(language: str, intent: str) -> list[str]:
    """Calls to action for an intent, or the language's generic ones."""
    table = phrases(language).cta
    return table.get(intent) or table["generic"]
