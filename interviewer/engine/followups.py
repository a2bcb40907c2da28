"""Follow-up questions built from what the candidate actually said.

A follow-up picks up one concrete thing from the answer: a decision they describe ("we decided
to move the reports to a nightly job"), something they built or led, a technology or method
they name, or a figure they quote. Each kind of follow-up comes with the key points a good
answer covers, so it is graded like any other question.
"""

import re
from dataclasses import dataclass

# Tools, technologies and methods worth asking about, matched case-insensitively as whole words.
NAMED_THINGS = (
    "Python",
    "Java",
    "JavaScript",
    "TypeScript",
    "Go",
    "Rust",
    "C#",
    "C++",
    "Kotlin",
    "Swift",
    "Ruby",
    "PHP",
    "Scala",
    "SQL",
    "NoSQL",
    "React",
    "Angular",
    "Vue",
    "Svelte",
    "Next.js",
    "Node.js",
    "Django",
    "Flask",
    "FastAPI",
    "Spring",
    "Rails",
    ".NET",
    "GraphQL",
    "REST",
    "gRPC",
    "PostgreSQL",
    "MySQL",
    "SQLite",
    "MongoDB",
    "Redis",
    "Cassandra",
    "DynamoDB",
    "Elasticsearch",
    "Kafka",
    "RabbitMQ",
    "Snowflake",
    "BigQuery",
    "Spark",
    "Hadoop",
    "Airflow",
    "dbt",
    "Pandas",
    "NumPy",
    "scikit-learn",
    "TensorFlow",
    "PyTorch",
    "XGBoost",
    "Tableau",
    "Power BI",
    "Looker",
    "Excel",
    "Docker",
    "Kubernetes",
    "Terraform",
    "Ansible",
    "Jenkins",
    "GitHub Actions",
    "GitLab CI",
    "AWS",
    "Azure",
    "GCP",
    "Lambda",
    "Prometheus",
    "Grafana",
    "Datadog",
    "Splunk",
    "Linux",
    "Git",
    "Jira",
    "Confluence",
    "Figma",
    "Salesforce",
    "HubSpot",
    "Zendesk",
    "Intercom",
    "SAP",
    "Oracle",
    "NetSuite",
    "QuickBooks",
    "Xero",
    "Workday",
    "Google Analytics",
    "Google Ads",
    "SEO",
    "A/B testing",
    "Scrum",
    "Kanban",
    "Agile",
    "PRINCE2",
    "Six Sigma",
    "Lean",
    "OKRs",
    "SBAR",
    "Epic",
    "Cerner",
    "microservices",
    "serverless",
    "machine learning",
    "LLM",
    "RAG",
    "CI/CD",
)
_NAMED_THING = re.compile(
    r"(?<![\w.#+/-])(?P<about>"
    + "|".join(re.escape(t) for t in sorted(NAMED_THINGS, key=len, reverse=True))
    + r")(?![\w#+/-])",
    re.IGNORECASE,
)
_USUAL_SPELLING = {t.lower(): t for t in NAMED_THINGS}

_DECISION = re.compile(
    r"\b(?:I|we)\s+(?:decided|chose|opted|agreed)\s+(?:to|on|for)\s+(?P<about>[^.;!?]{6,90}?)(?=\s+(?:because|so|since|as|which|after)\b|[.;!?,]|$)",
    re.IGNORECASE,
)
_BUILT = re.compile(
    r"\bI\s+(?P<verb>built|designed|developed|created|launched|led|set "
    r"up|ran|implemented|introduced|organised|organized)\s+"
    r"(?P<about>(?:a|an|the|our)\s[^.;!?]{4,70}?)(?=\s+(?:for|to|that|which|because|so|with|using|and)\b|[.;!?,]|$)",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\b(?P<about>(?:reduced|increased|improved|cut|raised|grew|lowered|saved|boosted)\b[^.;!?]{0,60}?"
    r"(?:\d+(?:\.\d+)?\s?(?:%|percent|per cent)|[$£€]\s?\d[\d,.]*\s?(?:k|m|million|thousand)?))",
    re.IGNORECASE,
)
MIN_WORDS_TO_FOLLOW_UP = 25


@dataclass(frozen=True)
class FollowUp:
    text: str
    model_answer: str
    key_points: tuple[str, ...]
    hint: str
    type: str
    about: str  # the words of the answer the follow-up picks up


@dataclass(frozen=True)
class FollowUpTemplate:
    """One kind of follow-up. `finds` picks the words to ask about out of an answer, as its group
    `about`; in the texts `{about}` stands for those words and `{verb}` for the group `verb` in
    lowercase ("I Led the team" is asked back as "you led the team")."""

    finds: re.Pattern
    text: str
    model_answer: str
    key_points: tuple[str, ...]
    hint: str
    type: str
    # The words found are one of NAMED_THINGS, asked about in its usual spelling ("postgresql" → "PostgreSQL").
    names_a_thing: bool = False

    def written_about(self, found: re.Match) -> FollowUp:
        about = _tidy(found["about"])
        if self.names_a_thing:
            about = _USUAL_SPELLING[about.lower()]
        words = {"about": about, "verb": (found.groupdict().get("verb") or "").lower()}
        return FollowUp(
            text=self.text.format(**words),
            model_answer=self.model_answer.format(**words),
            key_points=tuple(point.format(**words) for point in self.key_points),
            hint=self.hint,
            type=self.type,
            about=about,
        )


# In order of interest: an answer is followed up on the first of these it gives something to ask about.
FOLLOW_UP_TEMPLATES = (
    FollowUpTemplate(
        finds=_DECISION,
        text="You said you decided to {about}. How did you reach that decision, and how did you know it was the "
        "right call?",
        model_answer=(
            "A strong answer explains the problem that made the decision to {about} necessary, the options that "
            "were weighed and the criteria used to compare them (cost, risk, time, the people affected), who was "
            "consulted, and the evidence afterwards that showed whether it worked, with a measurable outcome and "
            "what they would do differently now."
        ),
        key_points=(
            "Describes the other options that were considered before deciding.",
            "Explains the criteria or evidence used to choose between the options.",
            "Says who was involved or consulted in the decision.",
            "Gives a measurable outcome that showed whether the decision worked.",
        ),
        hint="Think about the alternatives you had on the table and what convinced you.",
        type="situational",
    ),
    FollowUpTemplate(
        finds=_BUILT,
        text="You mentioned that you {verb} {about}. What was your own contribution, and what would you do "
        "differently now?",
        model_answer=(
            "A strong answer separates the candidate's own part in {about} from the team's, describes a specific "
            "difficulty met along the way and how they handled it, gives a concrete result (users, time saved, "
            "quality), and reflects honestly on one thing they would change with hindsight."
        ),
        key_points=(
            "Explains clearly what they personally did, as distinct from the team.",
            "Describes a specific difficulty and how they handled it.",
            "States a concrete result or impact of the work.",
            "Names something they would do differently with hindsight.",
        ),
        hint="Focus on your own part, then one thing you learned.",
        type="behavioural",
    ),
    FollowUpTemplate(
        finds=_NAMED_THING,
        names_a_thing=True,
        text="You mentioned {about}. Why was it the right choice there, and what was the hardest problem you hit "
        "with it?",
        model_answer=(
            "A strong answer names the alternatives to {about} that were considered and the criteria that decided "
            "the choice (fit to the problem, team skills, cost, performance, support), describes a specific problem "
            "met while using {about} and how it was solved, and says what they would do differently next time."
        ),
        key_points=(
            "Names at least one alternative to {about} that was considered.",
            "Explains why {about} suited the problem better than the alternatives.",
            "Describes a specific problem met with {about} and how it was solved.",
            "Says what they would do differently next time.",
        ),
        hint="Think about what else you could have used, and one concrete difficulty you ran into.",
        type="technical",
    ),
    FollowUpTemplate(
        finds=_FIGURE,
        text="You said you {about}. How did you measure that, and what else could explain the change?",
        model_answer=(
            "A strong answer says where the figure came from (the metric, the data source and the period compared), "
            "how the baseline was established, what other factors might have contributed and how they were ruled "
            "out or accounted for, and how the result was reported to others."
        ),
        key_points=(
            "Names the metric and where the data came from.",
            "Explains the baseline or the period it was compared against.",
            "Considers other factors that could explain the change.",
            "Describes how the result was shared or used afterwards.",
        ),
        hint="Think about the data behind the number and the before-and-after comparison.",
        type="situational",
    ),
)


def follow_up_for(answer: str) -> FollowUp | None:
    """A follow-up on the most interesting concrete thing in the answer, or None when the answer
    names nothing concrete enough to ask about."""
    if len(answer.split()) < MIN_WORDS_TO_FOLLOW_UP:
        return None
    for template in FOLLOW_UP_TEMPLATES:
        if found := template.finds.search(answer):
            return template.written_about(found)
    return None


def _tidy(phrase: str) -> str:
    phrase = " ".join(phrase.split()).strip(" ,")
    return re.sub(r"^(?:our|my)\s", "the ", phrase, flags=re.IGNORECASE)
