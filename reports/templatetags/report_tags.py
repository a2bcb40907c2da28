"""The timed transcript as HTML: built in Python because a 12-question report has thousands of
words, and a template loop over each of them would be most of the page's rendering time."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from reports.selectors import Sentence

register = template.Library()


def _words(sentence: Sentence) -> SafeString:
    """The sentence's words with filler words marked and long pauses shown where they happened."""
    words = []
    for token in sentence.tokens:
        if token.pause_before:
            words.append(format_html('<span class="pause">(pause {} s)</span>', f"{token.pause_before:.1f}"))
        words.append(format_html('<mark class="filler">{}</mark>', token.text) if token.filler else escape(token.text))
    return mark_safe(" ".join(words))


@register.simple_tag
def timed_transcript(sentences: list[Sentence], recording_id: int) -> SafeString:
    """Each sentence a button that plays the recording (the page's `player-<id>`) from where it starts."""
    return mark_safe(
        " ".join(
            format_html(
                '<button type="button" class="sentence" data-player="{}" data-seek="{}" title="Play from '
                '{}">{}</button>',
                f"player-{recording_id}",
                f"{sentence.start:.2f}",
                _clock(sentence.start),
                _words(sentence),
            )
            for sentence in sentences
        )
    )


@register.simple_tag
def plain_transcript(sentences: list[Sentence]) -> SafeString:
    """The same transcript for print, without the buttons."""
    return mark_safe(" ".join(_words(sentence) for sentence in sentences))


@register.filter
def clock(seconds) -> str:
    """Seconds into a recording as m:ss (a number, or one sent back by a form)."""
    try:
        return _clock(float(seconds))
    except (TypeError, ValueError):
        return "0:00"


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"
