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
    "Python", "Java", "JavaScript", "TypeScript", "Go", "Rust", "C#", "C++", "Kotlin", "Swift", "Ruby", "PHP",
    "Scala", "SQL", "NoSQL", "React", "Angular", "Vue", "Svelte", "Next.js", "Node.js", "Django", "Flask",
    "FastAPI", "Spring", "Rails", ".NET", "GraphQL", "REST", "gRPC", "PostgreSQL", "MySQL", "SQLite", "MongoDB",
    "Redis", "Cassandra", "DynamoDB", "Elasticsearch", "Kafka", "RabbitMQ", "Snowflake", "BigQuery", "Spark",
    "Hadoop", "Airflow", "dbt", "Pandas", "NumPy", "scikit-learn", "TensorFlow", "PyTorch", "XGBoost",
    "Tableau", "Power BI", "Looker", "Excel", "Docker", "Kubernetes", "Terraform", "Ansible", "Jenkins",
    "GitHub Actions", "GitLab CI", "AWS", "Azure", "GCP", "Lambda", "Prometheus", "Grafana", "Datadog",
    "Splunk", "Linux", "Git", "Jira", "Confluence", "Figma", "Salesforce", "HubSpot", "Zendesk", "Intercom",
    "SAP", "Oracle", "NetSuite", "QuickBooks", "Xero", "Workday", "Google Analytics", "Google Ads", "SEO",
    "A/B testing", "Scrum", "Kanban", "Agile", "PRINCE2", "Six Sigma", "Lean", "OKRs", "SBAR", "Epic",
    "Cerner", "microservices", "serverless", "machine learning", "LLM", "RAG", "CI/CD",
)
_NAMED_THING = re.compile(
    r"(?<![\w.#+/-])(" + "|".join(re.escape(t) for t in sorted(NAMED_THINGS, key=len, reverse=True)) + r")(?![\w#+/-])",
    re.IGNORECASE,
)
_CANONICAL = {t.lower(): t for t in NAMED_THINGS}

_DECISION = re.compile(
    r"\b(?:I|we)\s+(?:decided|chose|opted|agreed)\s+(?:to|on|for)\s+(?P<what>[^.;!?]{6,90}?)(?=\s+(?:because|so|since|as|which|after)\b|[.;!?,]|$)",
    re.IGNORECASE,
)
_BUILT = re.compile(
    r"\bI\s+(?P<verb>built|designed|developed|created|launched|led|set up|ran|implemented|introduced|organised|organized)\s+"
    r"(?P<what>(?:a|an|the|our)\s[^.;!?]{4,70}?)(?=\s+(?:for|to|that|which|because|so|with|using|and)\b|[.;!?,]|$)",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\b(?P<what>(?:reduced|increased|improved|cut|raised|grew|lowered|saved|boosted)\b[^.;!?]{0,60}?"
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


def follow_up_for(answer: str) -> FollowUp | None:
    """A follow-up on the most interesting concrete thing in the answer, or None when the answer
    names nothing concrete enough to ask about."""
    if len(answer.split()) < MIN_WORDS_TO_FOLLOW_UP:
        return None
    if match := _DECISION.search(answer):
        return _about_decision(_tidy(match["what"]))
    if match := _BUILT.search(answer):
        return _about_work(match["verb"].lower(), _tidy(match["what"]))
    if match := _NAMED_THING.search(answer):
        return _about_tool(_CANONICAL.get(match[1].lower(), match[1]))
    if match := _FIGURE.search(answer):
        return _about_figure(_tidy(match["what"]))
    return None


def _tidy(phrase: str) -> str:
    phrase = " ".join(phrase.split()).strip(" ,")
    return re.sub(r"^(?:our|my)\s", "the ", phrase, flags=re.IGNORECASE)


def _about_decision(what: str) -> FollowUp:
    return FollowUp(
        text=f"You said you decided to {what}. How did you reach that decision, and how did you know it was the right call?",
        model_answer=(
            f"A strong answer explains the problem that made the decision to {what} necessary, the options that "
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
        about=what,
    )


def _about_work(verb: str, what: str) -> FollowUp:
    return FollowUp(
        text=f"You mentioned that you {verb} {what}. What was your own contribution, and what would you do differently now?",
        model_answer=(
            f"A strong answer separates the candidate's own part in {what} from the team's, describes a specific "
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
        about=what,
    )


def _about_tool(tool: str) -> FollowUp:
    return FollowUp(
        text=f"You mentioned {tool}. Why was it the right choice there, and what was the hardest problem you hit with it?",
        model_answer=(
            f"A strong answer names the alternatives to {tool} that were considered and the criteria that decided "
            f"the choice (fit to the problem, team skills, cost, performance, support), describes a specific problem "
            f"met while using {tool} and how it was solved, and says what they would do differently next time."
        ),
        key_points=(
            f"Names at least one alternative to {tool} that was considered.",
            f"Explains why {tool} suited the problem better than the alternatives.",
            f"Describes a specific problem met with {tool} and how it was solved.",
            "Says what they would do differently next time.",
        ),
        hint="Think about what else you could have used, and one concrete difficulty you ran into.",
        type="technical",
        about=tool,
    )


def _about_figure(what: str) -> FollowUp:
    return FollowUp(
        text=f"You said you {what}. How did you measure that, and what else could explain the change?",
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
        about=what,
    )

