package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Multiprocessing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PyMOTW {@code multiprocessing_wordcount} (the deterministic reconstruction): four small text files are mapped to
 * (word, 1) pairs in 4 pool workers, which say which file they read, grouped by word, reduced to counts, and the
 * 10 most frequent words printed (ties by word).
 *
 * <p>Expected output: {@code ForkPoolWorker-k reading <file>} for each file (which worker reads which varies), then
 * the table: worker 7, process 6, pool 4, queue 4, exits 2, processes 2, between 1, counts 1, daemon 1, like 1.
 */
public final class WordcountScenario {
    private WordcountScenario() {
    }

    static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "be", "by", "for", "if", "in", "is",
            "it", "of", "or", "py", "rst", "that", "the", "to", "with");
    /** Python's string.punctuation. */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    static final Map<String, String> TEXTS = new TreeMap<>(Map.of(
            "basics.txt", "A process is started. The process runs; the worker process exits.\n"
                    + ".. comment lines are skipped\nWorker worker worker daemon.\n",
            "communication.txt", "A queue passes messages between processes. Queue, queue!\n"
                    + "The worker reads the queue and the process exits.\n",
            "index.txt", "Multiprocessing manages processes like threads: process, process.\n",
            "mapreduce.txt", "Map then reduce; the pool maps words and the pool reduces counts.\n"
                    + "Worker pool worker pool.\n"));

    static List<Map.Entry<String, Integer>> fileToWords(String path) throws IOException {
        System.out.println(Multiprocessing.currentProcess().getName() + " reading " + Path.of(path).getFileName());
        List<Map.Entry<String, Integer>> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
            if (line.stripLeading().startsWith("..")) {
                continue;
            }
            StringBuilder clean = new StringBuilder(line.length());
            for (char ch : line.toCharArray()) {
                clean.append(PUNCTUATION.indexOf(ch) >= 0 ? ' ' : ch);
            }
            for (String word : clean.toString().trim().split("\\s+")) {
                word = word.toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && word.chars().allMatch(Character::isLetter) && !STOP_WORDS.contains(word)) {
                    pairs.add(new AbstractMap.SimpleImmutableEntry<>(word, 1));
                }
            }
        }
        return pairs;
    }

    static Map.Entry<String, Integer> countWords(Map.Entry<String, List<Integer>> item) {
        return new AbstractMap.SimpleImmutableEntry<>(item.getKey(),
                item.getValue().stream().mapToInt(Integer::intValue).sum());
    }

    public static void main(String[] args) throws Exception {
        Path workdir = Files.createTempDirectory("wordcount");
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, String> e : TEXTS.entrySet()) {
            Path p = workdir.resolve(e.getKey());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            paths.add(p.toString());
        }
        List<Map.Entry<String, Integer>> counts;
        try (SimpleMapReduce<String, String, Integer, Map.Entry<String, Integer>> mapper =
                     new SimpleMapReduce<>(WordcountScenario::fileToWords, WordcountScenario::countWords, 4)) {
            counts = new ArrayList<>(mapper.apply(paths, 1));
        } finally {
            for (String p : paths) {
                Files.deleteIfExists(Path.of(p));
            }
            Files.deleteIfExists(workdir);
        }
        counts.sort(Map.Entry.comparingByKey()); // deterministic tie-break
        counts.sort(Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue()).reversed());
        System.out.println("\nTOP 10 WORDS BY FREQUENCY\n");
        List<Map.Entry<String, Integer>> top = counts.subList(0, Math.min(10, counts.size()));
        int width = top.stream().mapToInt(e -> e.getKey().length()).max().orElse(0) + 1;
        for (Map.Entry<String, Integer> e : top) {
            System.out.println(String.format("%-" + width + "s: %5d", e.getKey(), e.getValue()));
        }
    }
}
