package io.github.keras4j.data.image;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The course's folder-organizing scripts as library calls: split a data set into {@code train/}, {@code valid/}
 * and {@code test/} folders with one subfolder per class, the layout
 * {@link ImageDataGenerator#flowFromDirectory(Path, FlowOptions)} reads.
 *
 * <pre>{@code
 * SplitResult result = ImageFolders.splitByFilePrefix(Path.of("data/dogs-vs-cats"), List.of("cat", "dog"),
 *     new int[] {500, 100, 50}, new Random(42));
 * System.out.println(result.summary());
 * }</pre>
 *
 * <p>Both methods are safe to run at the start of every program:
 * <ul>
 *   <li>idempotent: when the {@code train}, {@code valid} and {@code test} class folders all exist they do nothing
 *       and say so ({@link SplitResult#alreadyOrganized()}); when only some exist (an interrupted run, a folder
 *       made by hand) they refuse with an {@link IllegalStateException} naming what is there and what is missing;
 *   <li>they move files and never overwrite or delete one: a file already at a target stops the run with a
 *       {@link FileAlreadyExistsException} naming it;
 *   <li>every count is checked before the first move: too few files for a class is an
 *       {@link IllegalArgumentException} naming the class, the number needed and the number found;
 *   <li>{@link Mode#DRY_RUN} plans the same moves and reports them without touching anything;
 *   <li>deterministic: files are sorted by name before sampling, so a {@link Random} with the same seed picks the
 *       same files.
 * </ul>
 */
public final class ImageFolders {
  /** The split folders, in the order they are filled. */
  public static final List<String> SPLITS = List.of("train", "valid", "test");

  /** Whether to move the files or only plan the moves. */
  public enum Mode {
    /** Move the files. */
    MOVE,
    /** Plan the moves and report them; touch nothing. */
    DRY_RUN
  }

  /**
   * One file move.
   *
   * @param from where the file is
   * @param to where it goes
   */
  public record Move(Path from, Path to) {}

  private ImageFolders() {}

  /**
   * Splits a flat folder of files named after their class ({@code cat.0.jpg}, {@code dog.12.jpg}, … as in Kaggle's
   * Dogs vs. Cats) into {@code dir/train/<class>/}, {@code dir/valid/<class>/} and {@code dir/test/<class>/}, as
   * the course's script: for each split in that order and each class in the given order, a random sample of the
   * class's remaining files is moved. A class's files are those whose names start with the class name (the
   * course's {@code glob('cat*')}); files not sampled stay where they are.
   *
   * @param dir the folder holding the files; the split folders are created in it
   * @param classes the class names, which are the file name prefixes and the class folder names
   * @param counts how many files per class go to train, valid and test (the course: {@code {500, 100, 50}})
   * @param random the source of the samples
   * @return what was moved, or that the folder was already organized
   * @throws IllegalArgumentException if the arguments are invalid or a class has fewer files than the counts need
   * @throws IllegalStateException if the folder is partly organized
   * @throws FileAlreadyExistsException if a target file exists
   * @throws IOException if the folder cannot be read or a file cannot be moved
   */
  public static SplitResult splitByFilePrefix(Path dir, List<String> classes, int[] counts, Random random)
      throws IOException {
    return splitByFilePrefix(dir, classes, counts, random, Mode.MOVE);
  }

  /**
   * Splits a flat folder of files named after their class, or with {@link Mode#DRY_RUN} reports what it would
   * move.
   *
   * @see #splitByFilePrefix(Path, List, int[], Random)
   */
  public static SplitResult splitByFilePrefix(Path dir, List<String> classes, int[] counts, Random random, Mode mode)
      throws IOException {
    requireNonNull(dir, "dir");
    requireNonNull(random, "random");
    requireNonNull(mode, "mode");
    requireNonNull(counts, "counts");
    checkClassNames(classes, "splitByFilePrefix");
    if (counts.length != 3) {
      throw new IllegalArgumentException("splitByFilePrefix: counts must hold 3 numbers (train, valid, test per"
          + " class), such as {500, 100, 50}, but got " + counts.length + ": " + java.util.Arrays.toString(counts)
          + ".");
    }
    for (int i = 0; i < 3; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("splitByFilePrefix: the " + SPLITS.get(i) + " count must be >= 0, but got "
            + counts[i] + ".");
      }
    }
    checkFolder(dir, "splitByFilePrefix");
    SplitResult existing = existingStructure(dir, classes, mode);
    if (existing != null) {
      return existing;
    }
    List<Path> all = sortedFiles(dir);
    Map<String, List<Path>> byClass = new LinkedHashMap<>();
    for (String c : classes) {
      List<Path> files = new ArrayList<>();
      for (Path file : all) {
        if (file.getFileName().toString().startsWith(c)) {
          files.add(file);
        }
      }
      int needed = counts[0] + counts[1] + counts[2];
      if (files.size() < needed) {
        throw new IllegalArgumentException("splitByFilePrefix: class '" + c + "' needs " + needed + " files ("
            + counts[0] + " train + " + counts[1] + " valid + " + counts[2] + " test), but " + dir + " has "
            + files.size() + " files whose names start with '" + c + "'. Nothing was moved.");
      }
      byClass.put(c, files);
    }
    checkOverlaps(byClass);
    List<Move> moves = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      for (String c : classes) {
        List<Path> remaining = byClass.get(c);
        for (Path file : sample(remaining, counts[s], random)) {
          moves.add(new Move(file, dir.resolve(SPLITS.get(s)).resolve(c).resolve(file.getFileName())));
        }
      }
    }
    List<Path> folders = new ArrayList<>();
    for (String split : SPLITS) {
      for (String c : classes) {
        folders.add(dir.resolve(split).resolve(c));
      }
    }
    return execute(dir, classes, moves, List.of(), folders, mode);
  }

  /**
   * Splits a folder of class folders ({@code 0} … {@code 9} in the course's sign-language data) as the course's
   * script: each class folder is moved into {@code dir/train/}, then {@code validPerClass} random files of it are
   * moved to {@code dir/valid/<class>/} and {@code testPerClass} more to {@code dir/test/<class>/}. The classes are
   * all subfolders of {@code dir} except {@code train}, {@code valid} and {@code test}, in sorted order; a class's
   * files are the regular files directly in its folder (non-image files included, as the course's
   * {@code os.listdir}).
   *
   * @param dir the folder holding the class folders
   * @param validPerClass how many files per class go to valid (the course: 30)
   * @param testPerClass how many files per class go to test (the course: 5)
   * @param random the source of the samples
   * @return what was moved, or that the folder was already organized
   * @throws IllegalArgumentException if a count is negative, there is no class folder, or a class has fewer files
   *     than {@code validPerClass + testPerClass}
   * @throws IllegalStateException if the folder is partly organized
   * @throws IOException if the folder cannot be read or a file cannot be moved
   */
  public static SplitResult splitClassFolders(Path dir, int validPerClass, int testPerClass, Random random)
      throws IOException {
    return splitClassFolders(dir, validPerClass, testPerClass, random, Mode.MOVE);
  }

  /**
   * Splits a folder of class folders, or with {@link Mode#DRY_RUN} reports what it would move.
   *
   * @see #splitClassFolders(Path, int, int, Random)
   */
  public static SplitResult splitClassFolders(Path dir, int validPerClass, int testPerClass, Random random, Mode mode)
      throws IOException {
    requireNonNull(dir, "dir");
    requireNonNull(random, "random");
    requireNonNull(mode, "mode");
    if (validPerClass < 0 || testPerClass < 0) {
      throw new IllegalArgumentException("splitClassFolders: validPerClass and testPerClass must be >= 0, but got "
          + validPerClass + " and " + testPerClass + ".");
    }
    checkFolder(dir, "splitClassFolders");
    List<String> classes = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry) && !SPLITS.contains(name)) {
          classes.add(name);
        }
      }
    }
    Collections.sort(classes);
    if (classes.isEmpty()) {
      List<String> trainClasses = subfolders(dir.resolve("train"));
      if (!trainClasses.isEmpty()) {
        SplitResult existing = existingStructure(dir, trainClasses, mode);
        if (existing != null) {
          return existing;
        }
      }
      throw new IllegalArgumentException("splitClassFolders: " + dir + " has no class folders to split; expected"
          + " one subfolder of images per class, such as " + dir.resolve("0") + "/.");
    }
    if (SPLITS.stream().anyMatch(s -> Files.exists(dir.resolve(s)))) {
      throw new IllegalStateException("splitClassFolders: " + dir + " is partly organized: it has split folders "
          + presentSplits(dir) + " and also class folders " + classes + " outside train/. Move the class folders"
          + " back or finish the split by hand; nothing was moved.");
    }
    List<Move> folderMoves = new ArrayList<>();
    List<Move> moves = new ArrayList<>();
    for (String c : classes) {
      Path source = dir.resolve(c);
      Path trainFolder = dir.resolve("train").resolve(c);
      folderMoves.add(new Move(source, trainFolder));
      List<Path> files = sortedFiles(source);
      int needed = validPerClass + testPerClass;
      if (files.size() < needed) {
        throw new IllegalArgumentException("splitClassFolders: class '" + c + "' needs " + needed + " files ("
            + validPerClass + " valid + " + testPerClass + " test), but " + source + " has " + files.size()
            + ". Nothing was moved.");
      }
      List<Path> remaining = new ArrayList<>();
      for (Path f : files) {
        remaining.add(trainFolder.resolve(f.getFileName()));
      }
      for (Path file : sample(remaining, validPerClass, random)) {
        moves.add(new Move(file, dir.resolve("valid").resolve(c).resolve(file.getFileName())));
      }
      for (Path file : sample(remaining, testPerClass, random)) {
        moves.add(new Move(file, dir.resolve("test").resolve(c).resolve(file.getFileName())));
      }
    }
    List<Path> folders = new ArrayList<>();
    for (String split : List.of("valid", "test")) {
      for (String c : classes) {
        folders.add(dir.resolve(split).resolve(c));
      }
    }
    return execute(dir, classes, moves, folderMoves, folders, mode);
  }

  // ------------------------------------------------------------------------------------------------ result

  /** What a split did (or, in a dry run, would do). */
  public static final class SplitResult {
    private final Path dir;
    private final List<String> classes;
    private final boolean alreadyOrganized;
    private final boolean dryRun;
    private final List<Move> moves;
    private final Map<String, Map<String, Integer>> counts;

    SplitResult(Path dir, List<String> classes, boolean alreadyOrganized, boolean dryRun, List<Move> moves,
        Map<String, Map<String, Integer>> counts) {
      this.dir = dir;
      this.classes = List.copyOf(classes);
      this.alreadyOrganized = alreadyOrganized;
      this.dryRun = dryRun;
      this.moves = List.copyOf(moves);
      this.counts = counts;
    }

    /** Returns whether the folder was already organized, in which case nothing was moved. */
    public boolean alreadyOrganized() {
      return alreadyOrganized;
    }

    /** Returns whether this was a dry run (nothing was moved). */
    public boolean dryRun() {
      return dryRun;
    }

    /** Returns the file moves made, or planned in a dry run, in order; empty when already organized. */
    public List<Move> moves() {
      return moves;
    }

    /** Returns the number of files moved: 0 in a dry run or when already organized. */
    public int moved() {
      return dryRun || alreadyOrganized ? 0 : moves.size();
    }

    /** Returns the class names, in order. */
    public List<String> classes() {
      return classes;
    }

    /**
     * Returns how many files {@code split/className} holds after the run (planned in a dry run; found on disk when
     * already organized), counting every regular file.
     *
     * @throws IllegalArgumentException if the split or class is unknown
     */
    public int count(String split, String className) {
      Map<String, Integer> bySplit = counts.get(split);
      if (bySplit == null || !bySplit.containsKey(className)) {
        throw new IllegalArgumentException("SplitResult: no folder " + split + "/" + className + "; splits are "
            + SPLITS + " and classes " + classes + ".");
      }
      return bySplit.get(className);
    }

    /** Returns a human-readable report, such as {@code Organized data/dogs-vs-cats: moved 1300 files. …}. */
    public String summary() {
      StringBuilder sb = new StringBuilder();
      if (alreadyOrganized) {
        sb.append(dir).append(" is already organized (train/, valid/, test/ exist); nothing was moved.");
      } else if (dryRun) {
        sb.append("Dry run: would move ").append(moves.size()).append(" files in ").append(dir)
            .append("; nothing was moved.");
      } else {
        sb.append("Organized ").append(dir).append(": moved ").append(moves.size()).append(" files.");
      }
      for (String split : SPLITS) {
        sb.append(System.lineSeparator()).append(String.format(Locale.ROOT, "  %-7s", split + ":"));
        List<String> parts = new ArrayList<>();
        for (String c : classes) {
          parts.add(c + " " + counts.get(split).get(c));
        }
        sb.append(String.join(", ", parts));
      }
      return sb.toString();
    }

    @Override
    public String toString() {
      return summary();
    }
  }

  // ------------------------------------------------------------------------------------------------ internals

  private static void checkClassNames(List<String> classes, String who) {
    requireNonNull(classes, "classes");
    if (classes.isEmpty()) {
      throw new IllegalArgumentException(who + ": classes must name at least one class, but got an empty list.");
    }
    Set<String> seen = new HashSet<>();
    for (String c : classes) {
      requireNonNull(c, "classes element");
      if (c.isBlank() || c.contains("/") || c.contains("\\") || c.equals(".") || c.equals("..")
          || SPLITS.contains(c)) {
        throw new IllegalArgumentException(who + ": '" + c + "' cannot be a class name: it must be a plain folder"
            + " name other than " + SPLITS + ".");
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException(who + ": class '" + c + "' is listed twice in " + classes + ".");
      }
    }
  }

  private static void checkFolder(Path dir, String who) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toAbsolutePath().toString(), null,
          who + ": no such folder; expected the folder holding the data set's images");
    }
  }

  /** A file in two classes (prefixes "cat" and "cats") would be moved twice: refuse. */
  private static void checkOverlaps(Map<String, List<Path>> byClass) {
    Map<Path, String> owner = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : byClass.entrySet()) {
      for (Path file : e.getValue()) {
        String other = owner.put(file, e.getKey());
        if (other != null) {
          throw new IllegalArgumentException("splitByFilePrefix: " + file.getFileName() + " starts with both '"
              + other + "' and '" + e.getKey() + "'; class names must not be prefixes of each other's files."
              + " Nothing was moved.");
        }
      }
    }
  }

  /** Returns the regular files directly in a folder, sorted by name. */
  private static List<Path> sortedFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    }
    files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return files;
  }

  private static List<String> subfolders(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          names.add(entry.getFileName().toString());
        }
      }
    }
    Collections.sort(names);
    return names;
  }

  /** Removes {@code n} random files from {@code remaining} (partial Fisher–Yates) and returns them in draw order. */
  private static List<Path> sample(List<Path> remaining, int n, Random random) {
    List<Path> drawn = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(remaining.size() - i);
      Collections.swap(remaining, i, j);
      drawn.add(remaining.get(i));
    }
    remaining.subList(0, n).clear();
    return drawn;
  }

  private static List<String> presentSplits(Path dir) {
    List<String> present = new ArrayList<>();
    for (String s : SPLITS) {
      if (Files.exists(dir.resolve(s))) {
        present.add(s + "/");
      }
    }
    return present;
  }

  /**
   * Returns the "already organized" result when every split/class folder exists, null when none of the split
   * folders exists, and throws when the structure is partial.
   */
  private static SplitResult existingStructure(Path dir, List<String> classes, Mode mode) throws IOException {
    List<String> present = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String split : SPLITS) {
      for (String c : classes) {
        (Files.isDirectory(dir.resolve(split).resolve(c)) ? present : missing).add(split + "/" + c);
      }
    }
    if (missing.isEmpty()) {
      Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
      for (String split : SPLITS) {
        Map<String, Integer> bySplit = new LinkedHashMap<>();
        for (String c : classes) {
          bySplit.put(c, sortedFiles(dir.resolve(split).resolve(c)).size());
        }
        counts.put(split, bySplit);
      }
      return new SplitResult(dir, classes, true, mode == Mode.DRY_RUN, List.of(), counts);
    }
    if (present.isEmpty() && presentSplits(dir).isEmpty()) {
      return null;
    }
    throw new IllegalStateException("ImageFolders: " + dir + " is partly organized: "
        + (present.isEmpty() ? "it has " + presentSplits(dir) : "it has " + present)
        + " but not " + missing + ". Remove the empty folders or move the files back, then run again;"
        + " nothing was moved.");
  }

  private static SplitResult execute(Path dir, List<String> classes, List<Move> moves, List<Move> folderMoves,
      List<Path> folders, Mode mode) throws IOException {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    for (String split : SPLITS) {
      Map<String, Integer> bySplit = new LinkedHashMap<>();
      for (String c : classes) {
        bySplit.put(c, 0);
      }
      counts.put(split, bySplit);
    }
    for (Move folderMove : folderMoves) { // class folders moved whole into train/
      String c = folderMove.to().getFileName().toString();
      counts.get("train").put(c, sortedFiles(folderMove.from()).size());
    }
    for (Move move : moves) {
      String split = dir.relativize(move.to()).getName(0).toString();
      String c = move.to().getParent().getFileName().toString();
      counts.get(split).merge(c, 1, Integer::sum);
      if (!folderMoves.isEmpty()) {
        counts.get("train").merge(c, -1, Integer::sum);
      }
    }
    List<Move> all = new ArrayList<>(folderMoves);
    all.addAll(moves);
    if (mode == Mode.DRY_RUN) {
      return new SplitResult(dir, classes, false, true, moves, counts);
    }
    for (Move move : all) {
      if (Files.exists(move.to())) {
        throw new FileAlreadyExistsException(move.to().toString(), move.from().toString(),
            "ImageFolders: the target exists; nothing was moved (files are never overwritten)");
      }
    }
    if (!folderMoves.isEmpty()) {
      Files.createDirectories(dir.resolve("train"));
    }
    for (Move folderMove : folderMoves) {
      Files.move(folderMove.from(), folderMove.to());
    }
    for (Path folder : folders) {
      Files.createDirectories(folder);
    }
    for (Move move : moves) {
      Files.move(move.from(), move.to()); // no REPLACE_EXISTING: a file that appeared meanwhile is not overwritten
    }
    return new SplitResult(dir, classes, false, false, moves, counts);
  }
}
