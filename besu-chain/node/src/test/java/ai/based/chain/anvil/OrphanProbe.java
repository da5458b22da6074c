package ai.based.chain.anvil;

import java.nio.file.Path;

/** Child JVM for AnvilNodeTest: starts an owned anvil, prints the anvil pid, then waits to be killed. */
public final class OrphanProbe {
    public static void main(String[] args) throws Exception {
        AnvilNode node = AnvilNode.start(AnvilConfig.ephemeral(4242, Path.of(args[0])));
        long anvil = ProcessHandle.of(node.pid()).orElseThrow().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("anvil")).orElse(false))
                .findFirst().orElseThrow().pid();
        System.out.println(anvil);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
