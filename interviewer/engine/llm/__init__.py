"""An optional language model behind any OpenAI-compatible chat-completions endpoint (Ollama,
vLLM, the llama.cpp server, LM Studio, OpenAI, Gemini's and Hugging Face's compatible APIs).

`client` speaks the protocol with hard timeouts, a circuit breaker and a rate-limit hook; `uses`
holds the prompts and validates what comes back. Every failure raises `LLMError`, and the caller
then uses the offline engine for that turn. Plain Python: no Django in here.
"""
