from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import user_folder
from interviewer.engine import bank, grading
from interviewer.engine.bank import BankQuestion


class Domain(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    # Pools such as "general" and "behavioural" serve every interview and aren't offered as a choice.
    selectable = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Difficulty(models.TextChoices):
    EASY = "easy", "Easy"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"


class QuestionType(models.TextChoices):
    GENERAL = "general", "General"
    BEHAVIOURAL = "behavioural", "Behavioural"
    TECHNICAL = "technical", "Technical"
    SITUATIONAL = "situational", "Situational"


class Stage(models.TextChoices):
    """The engine's stages (engine.bank.Stage), with the labels the pages show."""

    OPENER = bank.Stage.OPENER.value, "Opener"
    MAIN = bank.Stage.MAIN.value, "Main"
    WRAPUP = bank.Stage.WRAPUP.value, "Wrap-up"


class Question(models.Model):
    """A question of the bank. Loaded from the reviewed fixture files; `bank_id` is stable across
    versions so that "not asked recently" survives edits."""

    bank_id = models.CharField(max_length=100, unique=True)
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="questions")
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices)
    type = models.CharField(max_length=12, choices=QuestionType.choices)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.MAIN)
    text = models.TextField()
    model_answer = models.TextField()
    key_points = models.JSONField(default=list)
    hint = models.TextField()
    tags = models.JSONField(default=list, blank=True)
    # Questions removed from the fixtures stay for the interviews that asked them.
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["domain", "difficulty", "bank_id"]

    def __str__(self):
        return self.text

    def to_engine(self) -> BankQuestion:
        return BankQuestion(
            id=self.bank_id,
            domain=self.domain.slug,
            difficulty=self.difficulty,
            type=self.type,
            stage=self.stage,
            text=self.text,
            model_answer=self.model_answer,
            key_points=tuple(self.key_points),
            hint=self.hint,
            tags=tuple(self.tags),
        )


class Interview(models.Model):
    class Camera(models.TextChoices):
        ANALYSED = "analysed", "Recorded and analysed"
        RECORDED = "recorded", "Recorded only"
        OFF = "off", "Off"

    class Type(models.TextChoices):
        BEHAVIOURAL = "behavioural", "Behavioural"
        TECHNICAL = "technical", "Technical"
        MIXED = "mixed", "Mixed"

    class Status(models.TextChoices):
        PLANNED = "planned", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        FINISHED = "finished", "Finished"

    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews")
    candidate_name = models.CharField(max_length=100)
    domain = models.ForeignKey(Domain, null=True, blank=True, on_delete=models.PROTECT)
    topic = models.CharField(max_length=120, blank=True)
    position = models.CharField(max_length=120)
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices)
    duration_minutes = models.PositiveSmallIntegerField()
    type = models.CharField(max_length=12, choices=Type.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    follow_ups_left = models.PositiveSmallIntegerField(default=0)
    question_time_limit_seconds = models.PositiveSmallIntegerField(default=180)
    feedback = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.FloatField(default=0)
    # Set when the interview is an attempt at a staff assignment, whose rules it carries.
    assignment = models.ForeignKey(
        "assignments.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="interviews"
    )
    hints_allowed = models.BooleanField(default=True)
    # The candidate's choice for this interview's camera, and whether expressions were read (only
    # when analysed and both the server and every cohort of theirs allowed it at the start).
    camera = models.CharField(max_length=10, choices=Camera.choices, default=Camera.ANALYSED)
    expressions_read = models.BooleanField(default=False)
    # None until the candidate chose (on the setup page, or before an assignment's room opens).
    camera_chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.position} ({self.get_difficulty_display()}, {self.created_at:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("interview_detail", args=[self.pk])

    @property
    def records_video(self) -> bool:
        return self.camera != self.Camera.OFF

    @property
    def analyses_camera(self) -> bool:
        """Chosen by the candidate, and still allowed by the server (CAMERA_ANALYSIS)."""
        return self.camera == self.Camera.ANALYSED and settings.CAMERA_ANALYSIS

    @property
    def reads_expressions(self) -> bool:
        """Decided when the interview started, and still allowed by the server (EXPRESSION_ANALYSIS)."""
        return self.analyses_camera and self.expressions_read and settings.EXPRESSION_ANALYSIS

    @property
    def asked(self):
        return self.questions.exclude(asked_at=None)

    def active_seconds(self, now=None) -> float:
        """Time the interview has been running, pauses excluded."""
        if self.started_at is None:
            return 0.0
        end = self.finished_at or now or timezone.now()
        paused = self.paused_seconds + ((end - self.paused_at).total_seconds() if self.paused_at else 0)
        return max(0.0, (end - self.started_at).total_seconds() - paused)

    def remaining_seconds(self, now=None) -> int:
        return max(0, round(self.duration_minutes * 60 - self.active_seconds(now)))

    def question_seconds_left(self, question: "InterviewQuestion", now=None) -> int:
        spent = self.active_seconds(now) - question.active_seconds_at_ask
        return max(0, round(self.question_time_limit_seconds - spent))

    @property
    def accuracy(self) -> float | None:
        """Correct answers / questions asked, as a fraction."""
        asked = self.asked.count()
        return self.asked.filter(verdict=InterviewQuestion.Verdict.CORRECT).count() / asked if asked else None


class InterviewQuestion(models.Model):
    """One question of one interview, with everything needed to grade it copied in: the bank may
    change later, and follow-up questions have no bank entry at all."""

    class Source(models.TextChoices):
        BANK = "bank", "Question bank"
        FOLLOW_UP = "follow_up", "Follow-up"
        RESUME = "resume", "About the résumé"
        LLM = "llm", "Written by the language model"

    class Verdict(models.TextChoices):
        """The grader's verdicts (engine.grading.Verdict), with the labels the pages show."""

        CORRECT = grading.Verdict.CORRECT.value, "Correct"
        PARTIAL = grading.Verdict.PARTIAL.value, "Partly correct"
        INCORRECT = grading.Verdict.INCORRECT.value, "Incorrect"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    bank_question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.BANK)
    # "<model> at <host>" when the optional language model wrote this question (a main question
    # or a follow-up); empty when the offline engine did.
    written_by = models.CharField(max_length=200, blank=True)
    stage = models.CharField(max_length=8, choices=Stage.choices)
    type = models.CharField(max_length=12, choices=QuestionType.choices)
    text = models.TextField()
    model_answer = models.TextField()
    key_points = models.JSONField(default=list)
    hint = models.TextField(blank=True)
    asked_at = models.DateTimeField(null=True, blank=True)
    # The interview's running time when this question was asked: its own clock starts there.
    active_seconds_at_ask = models.FloatField(default=0)
    hint_given = models.BooleanField(default=False)
    model_answer_shown = models.BooleanField(default=False)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["interview", "position"]
        constraints = [models.UniqueConstraint(fields=["interview", "position"], name="one_question_per_position")]

    def __str__(self):
        return self.text

    @property
    def engine_label(self) -> str:
        """Which engine produced the question, as the pages say it."""
        if self.written_by:
            return f"Written by {self.written_by}"
        return {self.Source.FOLLOW_UP: "Follow-up from the offline engine", self.Source.RESUME: "From your résumé"}.get(
            self.source, "From the question bank"
        )

    @property
    def bank_id(self) -> str:
        return self.bank_question.bank_id if self.bank_question_id else f"follow-up-{self.pk}"


def recording_path(recording: "Recording", filename: str) -> str:
    q = recording.question
    return f"{user_folder(q.interview.candidate_id)}/recordings/{q.interview_id}/{q.position}-{recording.attempt}.webm"


class Recording(models.Model):
    """A spoken answer as the browser streamed it (webm with audio, and video when the camera
    was on), with what was measured from it. Stored privately under its owner's folder."""

    class Status(models.TextChoices):
        RECORDING = "recording", "Recording"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    question = models.ForeignKey(InterviewQuestion, on_delete=models.CASCADE, related_name="recordings")
    attempt = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to=recording_path, max_length=255)
    mime = models.CharField(max_length=60)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECORDING)
    transcription = models.JSONField(default=dict)  # the live analysis's state (recordings.LiveAnalysis)
    live_text = models.TextField(blank=True)
    transcript = models.JSONField(null=True, blank=True)
    delivery = models.JSONField(null=True, blank=True)
    presence = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the file was deleted (after the retention period, or by its owner); what was
    # measured from it stays.
    file_deleted_at = models.DateTimeField(null=True, blank=True)
    # Which task is transcribing and grading it, since when (interviewer.recordings.claim_recording).
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "attempt"], name="one_recording_per_attempt")]

    @property
    def has_video(self) -> bool:
        return self.mime.startswith("video/")

    @property
    def has_file(self) -> bool:
        return bool(self.file) and self.file_deleted_at is None

    def deletion_due(self):
        """When the retention period ends for this recording (None: kept until its owner deletes it)."""
        days = settings.RECORDING_RETENTION_DAYS
        return self.created_at + timedelta(days=days) if days > 0 else None

    def mark_graded(self) -> None:
        self.status = self.Status.DONE
        self.save(update_fields=["status"])


class Answer(models.Model):
    """One attempt at a question: the first try, or the retry after a hint."""

    question = models.ForeignKey(InterviewQuestion, on_delete=models.CASCADE, related_name="answers")
    attempt = models.PositiveSmallIntegerField()
    text = models.TextField()
    grade = models.JSONField()
    verdict = models.CharField(max_length=10, choices=InterviewQuestion.Verdict.choices)
    recording = models.OneToOneField(Recording, null=True, blank=True, on_delete=models.SET_NULL)
    # What the candidate was told: the next step (turns.Step: next, retry, reveal) and the message,
    # kept so that a reconnecting room, or a task run again, tells them the same.
    step = models.CharField(max_length=8, blank=True)
    message = models.TextField(blank=True)
    # The language model's explanation of the offline grader's numbers, written as the interview
    # ends (interviewer.llm_services.explain_scores); empty without the model.
    rationale = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "attempt"]
        constraints = [models.UniqueConstraint(fields=["question", "attempt"], name="one_answer_per_attempt")]


class WorkerCheck(models.Model):
    """An administrator's round trip through the background machinery: the web process enqueues
    it, a worker completes it and tells the administrator's open page over the channel layer."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    requested_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    @property
    def round_trip_ms(self) -> int | None:
        if self.completed_at is None:
            return None
        return round((self.completed_at - self.requested_at).total_seconds() * 1000)


class StaffAccess(models.Model):
    """Someone other than the student opened one of the student's interviews, a file of it or an
    export with it in: who, what and when. The student sees these on their account page."""

    class What(models.TextChoices):
        REPORT = "report", "Report"
        REVIEW = "review", "Review page with the recordings"
        RECORDING = "recording", "Recording"
        PDF = "pdf", "PDF report"
        DATA = "data", "Data (JSON)"
        ANSWERS_CSV = "answers_csv", "Answers (CSV)"
        RECORDINGS_ZIP = "recordings_zip", "Recordings (zip)"
        COHORT_RESULTS = "cohort_results", "Cohort results (CSV)"

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="accesses_made"
    )
    viewer_email = models.EmailField()  # kept when the viewer's account is deleted
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accesses_to_me")
    interview = models.ForeignKey(Interview, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    interview_label = models.CharField(max_length=200, blank=True)  # kept when the interview is deleted
    what = models.CharField(max_length=16, choices=What.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
