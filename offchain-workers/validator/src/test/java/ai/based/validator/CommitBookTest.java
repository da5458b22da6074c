package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommitBookTest {
    @Test
    void keptCommitsSurviveAReopenAndOnePerEpochIsKept() throws Exception {
        Path file = Files.createTempDirectory("commit-book-").resolve("state").resolve("commits.json");
        CommitBook book = new CommitBook(file);
        book.add(new PendingCommit(4, new int[] {0, 3}, new int[] {65_535, 7}, new byte[32], new byte[] {1, 2}));
        book.add(new PendingCommit(5, new int[] {1}, new int[] {65_535}, new byte[32], new byte[] {3}));
        book.add(new PendingCommit(5, new int[] {2}, new int[] {65_535}, new byte[32], new byte[] {4}));

        CommitBook reopened = new CommitBook(file);
        assertThat(reopened.pending()).hasSize(2);
        assertThat(reopened.forEpoch(4).orElseThrow().uids()).containsExactly(0, 3);
        assertThat(reopened.forEpoch(5).orElseThrow().uids()).as("a second commit in an epoch replaces the first").containsExactly(2);
        reopened.remove(4);
        assertThat(new CommitBook(file).forEpoch(4)).isEmpty();
        assertThat(Files.list(file.getParent())).as("no temporary file is left behind").containsExactly(file);
    }

    @Test
    void aDamagedFileIsRefusedWithWhatToDo() throws Exception {
        Path file = Files.createTempDirectory("commit-book-").resolve("commits.json");
        Files.writeString(file, "{\"commits\": [{\"epoch\": \"four\"}]}");
        assertThatThrownBy(() -> new CommitBook(file)).hasMessageContaining("is damaged").hasMessageContaining("move it aside");
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> new CommitBook(file)).hasMessageContaining("is damaged");
    }
}
