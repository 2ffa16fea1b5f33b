package io.mpscope.app.viewmodels;

import io.mpscope.app.services.DialogService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A DialogService that records every question and message and answers as the test says. */
final class FakeDialogs implements DialogService {
    /** A question or message shown. */
    record Shown(String kind, String title, String message) {
    }

    final List<Shown> shown = new ArrayList<>();
    boolean confirmAnswer;
    /** When null, chooseExit stays unanswered until the test completes {@link #exitAnswer}. */
    ExitChoice exitChoice;
    CompletableFuture<ExitChoice> exitAnswer;
    List<String> exitAsked;

    @Override
    public CompletableFuture<Boolean> confirm(String title, String message, String confirm) {
        shown.add(new Shown("confirm", title, message + "\n[" + confirm + "]"));
        return CompletableFuture.completedFuture(confirmAnswer);
    }

    @Override
    public CompletableFuture<ExitChoice> chooseExit(List<String> running) {
        exitAsked = List.copyOf(running);
        shown.add(new Shown("exit", "", String.join("\n", running)));
        exitAnswer = exitChoice != null ? CompletableFuture.completedFuture(exitChoice) : new CompletableFuture<>();
        return exitAnswer;
    }

    @Override
    public void showError(String title, String message) {
        shown.add(new Shown("error", title, message));
    }

    @Override
    public void notify(String title, String message) {
        shown.add(new Shown("notify", title, message));
    }

    @Override
    public void warn(String title, String message) {
        shown.add(new Shown("warn", title, message));
    }

    List<Shown> of(String kind) {
        return shown.stream().filter(s -> s.kind().equals(kind)).collect(java.util.stream.Collectors.toList());
    }
}
