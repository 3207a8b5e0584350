"""Where the ideas in Mutuality's RCT knowledge core come from.

Every concept, goal and question in the Guide cites at least one of these. The Guide's
text is Mutuality's own summary; the sources are where a clinician reads the original.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    authors: str
    year: int
    title: str

    @property
    def citation(self) -> str:
        return f"{self.authors} ({self.year}). {self.title}."

    @property
    def short(self) -> str:
        return f"{self.authors} {self.year}"


_ALL = (
    Source("miller-1976", "Miller, J. B.", 1976, "Toward a New Psychology of Women"),
    Source(
        "miller-1986",
        "Miller, J. B.",
        1986,
        "What do we mean by relationships? Work in Progress No. 22, Stone Center",
    ),
    Source(
        "jordan-1986",
        "Jordan, J. V.",
        1986,
        "The meaning of mutuality. Work in Progress No. 23, Stone Center",
    ),
    Source(
        "miller-1988",
        "Miller, J. B.",
        1988,
        "Connections, disconnections and violations. Work in Progress No. 33, Stone Center",
    ),
    Source(
        "jordan-et-al-1991",
        "Jordan, J. V., Kaplan, A. G., Miller, J. B., Stiver, I. P., & Surrey, J. L.",
        1991,
        "Women's Growth in Connection: Writings from the Stone Center",
    ),
    Source(
        "jordan-1992",
        "Jordan, J. V.",
        1992,
        "Relational resilience. Work in Progress No. 57, Stone Center",
    ),
    Source(
        "collins-1990",
        "Collins, P. H.",
        1990,
        "Black Feminist Thought: Knowledge, Consciousness, and the Politics of Empowerment",
    ),
    Source(
        "miller-stiver-1997",
        "Miller, J. B., & Stiver, I. P.",
        1997,
        "The Healing Connection: How Women Form Relationships in Therapy and in Life",
    ),
    Source(
        "walker-1999",
        "Walker, M.",
        1999,
        "Race, self, and society: Relational challenges in a culture of disconnection. "
        "Work in Progress No. 85, Stone Center",
    ),
    Source(
        "walker-2002",
        "Walker, M.",
        2002,
        "Power and effectiveness: Envisioning an alternate paradigm. "
        "Work in Progress No. 94, Stone Center",
    ),
    Source(
        "hartling-et-al-2003",
        "Hartling, L. M., Miller, J. B., Jordan, J. V., & Walker, M.",
        2003,
        "Introducing Relational-Cultural Theory: A New Model of Psychological Development. "
        "Jean Baker Miller Training Institute",
    ),
    Source(
        "jordan-2004",
        "Jordan, J. V., Walker, M., & Hartling, L. M. (Eds.)",
        2004,
        "The Complexity of Connection: Writings from the Stone Center's "
        "Jean Baker Miller Training Institute",
    ),
    Source("jordan-2010", "Jordan, J. V.", 2010, "Relational-Cultural Therapy. APA Books"),
    Source(
        "jordan-2017",
        "Jordan, J. V.",
        2017,
        "Relational-Cultural Therapy, 2nd edition. APA Books",
    ),
    Source(
        "doran-1981",
        "Doran, G. T.",
        1981,
        "There's a S.M.A.R.T. way to write management's goals and objectives",
    ),
)

SOURCES: dict[str, Source] = {source.key: source for source in _ALL}
