"""How fast a voice speaks: seconds a word plus a pause a sentence, measured by synthesizing reference lines in the
language, so a plan's narration fills the time the voice really takes (not a fixed words-per-second guess)."""

from __future__ import annotations

import math
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aios.tools.text import sentences, spoken_count
from aios.tools.tts.base import SpeechEngine

_CLAUSE = re.compile(r"[,;:](?=\s)")
TYPICAL_SENTENCE = 9  # words in a narration sentence, for a pace said as words per second
# Lines like a narration's, one to three sentences each, in every language the offline planner writes.
REFERENCE: dict[str, tuple[str, ...]] = {
    "en": ("Our new store opens on Saturday.",
           "Everything in the shop is half price this week. Come and see what's new.",
           "Parental leave grows to sixteen weeks. Enrollment closes in November. Ask your manager for details.",
           "The bike folds in ten seconds and weighs nine kilograms.",
           "Join us for a day of talks and workshops. Lunch is on us.",
           "Water the plant once a week. Keep it out of direct sun. You're all set.",
           "The library is closed for repairs until the end of the month.",
           "Tickets for the summer concert series go on sale online next Monday at nine in the morning.",
           "It's here. It's fast. And it's yours.",
           "Our nurses, doctors and volunteers cared for more than two thousand patients last year.",
           "Sign up today. Spots are limited.",
           "Remember: half price, this week only, in every store.",
           "Thanks for your patience."),
    "es": ("Nuestra nueva tienda abre el sábado.",
           "Todo en la tienda está a mitad de precio esta semana. Ven a ver las novedades.",
           "El permiso parental sube a dieciséis semanas. La inscripción cierra en noviembre. Pregunta a tu "
           "responsable.",
           "La bicicleta se pliega en diez segundos y pesa nueve kilos.",
           "Únete a un día de charlas y talleres. La comida corre de nuestra cuenta.",
           "Riega la planta una vez por semana. Mantenla lejos del sol directo. Ya está.",
           "La biblioteca cierra por obras hasta final de mes.",
           "Las entradas para los conciertos de verano salen a la venta el próximo lunes a las nueve de la mañana.",
           "Ya está aquí. Es rápido. Y es tuyo.",
           "Nuestras enfermeras, médicos y voluntarios atendieron a más de dos mil pacientes el año pasado.",
           "Inscríbete hoy. Las plazas son limitadas.",
           "Recuerda: mitad de precio, solo esta semana, en todas las tiendas.",
           "Gracias por tu paciencia."),
    "fr": ("Notre nouveau magasin ouvre samedi.",
           "Tout le magasin est à moitié prix cette semaine. Venez découvrir les nouveautés.",
           "Le congé parental passe à seize semaines. Les inscriptions ferment en novembre. Parlez-en à votre "
           "responsable.",
           "Le vélo se plie en dix secondes et pèse neuf kilos.",
           "Rejoignez-nous pour une journée de conférences et d'ateliers. Le déjeuner est offert.",
           "Arrosez la plante une fois par semaine. Gardez-la loin du soleil direct. C'est tout.",
           "La bibliothèque est fermée pour travaux jusqu'à la fin du mois.",
           "Les billets des concerts d'été seront en vente en ligne lundi prochain à neuf heures du matin.",
           "Il est là. Il est rapide. Et il est à vous.",
           "Nos infirmières, médecins et bénévoles ont soigné plus de deux mille patients l'an dernier.",
           "Inscrivez-vous aujourd'hui. Les places sont limitées.",
           "À retenir : moitié prix, cette semaine seulement, dans tous les magasins.",
           "Merci de votre patience."),
    "de": ("Unser neues Geschäft öffnet am Samstag.",
           "Diese Woche ist im ganzen Laden alles zum halben Preis. Schauen Sie vorbei.",
           "Die Elternzeit steigt auf sechzehn Wochen. Die Anmeldung endet im November. Fragen Sie Ihre "
           "Führungskraft.",
           "Das Fahrrad lässt sich in zehn Sekunden falten und wiegt neun Kilo.",
           "Seien Sie dabei: ein Tag mit Vorträgen und Workshops. Das Mittagessen geht auf uns.",
           "Gießen Sie die Pflanze einmal pro Woche. Stellen Sie sie nicht in die pralle Sonne. Fertig.",
           "Die Bibliothek ist bis Monatsende wegen Renovierung geschlossen.",
           "Karten für die Sommerkonzerte gibt es ab nächstem Montag um neun Uhr morgens online.",
           "Es ist da. Es ist schnell. Und es gehört Ihnen.",
           "Unsere Pflegekräfte, Ärzte und Freiwilligen haben letztes Jahr über zweitausend Patienten betreut.",
           "Melden Sie sich heute an. Die Plätze sind begrenzt.",
           "Zur Erinnerung: halber Preis, nur diese Woche, in jedem Geschäft.",
           "Danke für Ihre Geduld."),
    "pt": ("A nossa nova loja abre no sábado.",
           "Tudo na loja está a metade do preço esta semana. Venha ver as novidades.",
           "A licença parental passa para dezesseis semanas. As inscrições fecham em novembro. Fale com o seu "
           "gestor.",
           "A bicicleta dobra em dez segundos e pesa nove quilos.",
           "Junte-se a nós para um dia de palestras e oficinas. O almoço é por nossa conta.",
           "Regue a planta uma vez por semana. Mantenha-a longe do sol direto. Pronto.",
           "A biblioteca está fechada para obras até o fim do mês.",
           "Os bilhetes para os concertos de verão começam a ser vendidos na próxima segunda às nove da manhã.",
           "Chegou. É rápido. E é seu.",
           "Os nossos enfermeiros, médicos e voluntários cuidaram de mais de dois mil pacientes no ano passado.",
           "Inscreva-se hoje. As vagas são limitadas.",
           "Lembre-se: metade do preço, só esta semana, em todas as lojas.",
           "Obrigado pela sua paciência."),
    "it": ("Il nostro nuovo negozio apre sabato.",
           "Questa settimana tutto il negozio è a metà prezzo. Vieni a scoprire le novità.",
           "Il congedo parentale sale a sedici settimane. Le iscrizioni chiudono a novembre. Chiedi al tuo "
           "responsabile.",
           "La bici si piega in dieci secondi e pesa nove chili.",
           "Unisciti a noi per una giornata di talk e workshop. Il pranzo lo offriamo noi.",
           "Annaffia la pianta una volta a settimana. Tienila lontana dal sole diretto. Fatto.",
           "La biblioteca è chiusa per lavori fino a fine mese.",
           "I biglietti per i concerti estivi sono in vendita online da lunedì prossimo alle nove del mattino.",
           "È arrivato. È veloce. Ed è tuo.",
           "I nostri infermieri, medici e volontari hanno curato più di duemila pazienti l'anno scorso.",
           "Iscriviti oggi. I posti sono limitati.",
           "Ricorda: metà prezzo, solo questa settimana, in tutti i negozi.",
           "Grazie per la pazienza."),
}


@dataclass(frozen=True)
class Pace:
    """A voice's pace: seconds each spoken word takes, the pause each sentence adds (its end and the breath), and
    the shorter one at a comma, colon or semicolon inside a sentence."""

    word_s: float
    sentence_s: float = 0.0
    clause_s: float = 0.0

    @classmethod
    def of_rate(cls, words_per_second: float) -> Pace:
        """A pace given as words per second, pauses included (AIOS_WORDS_PER_SECOND)."""
        return cls(word_s=1.0 / words_per_second)

    @property
    def words_per_second(self) -> float:
        """Words a second over sentences of typical length, pauses included."""
        return 1.0 / (self.word_s + (self.sentence_s + self.clause_s / 2) / TYPICAL_SENTENCE)

    def seconds(self, text: str, language: str = "en") -> float:
        """How long the voice takes to say a line (its numbers counted as said)."""
        if not text.strip():
            return 0.0
        return (self.word_s * spoken_count(text, language) + self.sentence_s * max(1, len(sentences(text)))
                + self.clause_s * clauses(text))

    def words_in(self, seconds: float) -> int:
        """About how many words fit in that many seconds, in sentences of typical length."""
        return max(0, math.floor(seconds * self.words_per_second))


def clauses(text: str) -> int:
    """Pauses inside sentences: commas, colons and semicolons between words (not in '1,900' or '10:30')."""
    return len(_CLAUSE.findall(text))


def measure(engine: SpeechEngine, language: str) -> Pace:
    """The engine's pace in a language, fitted to its reference lines' WAV lengths (least squares over words,
    sentences and clause pauses); KeyError for a language with no reference lines."""
    lines = REFERENCE[language.split("-")[0]]
    with tempfile.TemporaryDirectory(prefix="aios-pace-") as folder:
        lengths = [engine.synthesize(line, Path(folder) / f"{i}.wav", language=language)
                   for i, line in enumerate(lines)]
    counts = np.array([[spoken_count(line, language), len(sentences(line)), clauses(line)] for line in lines],
                      dtype=float)
    seconds = np.array(lengths, dtype=float)
    for columns in (3, 2, 1):  # drop the pauses an engine does not make (a fit below zero)
        fitted, *_ = np.linalg.lstsq(counts[:, :columns], seconds, rcond=None)
        if fitted[0] > 0 and (fitted[1:] >= 0).all():
            break
    word_s, sentence_s, clause_s = (*fitted.tolist(), 0.0, 0.0)[:3]
    return Pace(word_s=round(word_s, 4), sentence_s=round(sentence_s, 3), clause_s=round(clause_s, 3))
