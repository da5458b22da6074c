package ai.based.fhe.zkllm.squeeze;

/** One attention head: its layer and its index within the layer. */
public record HeadRef(int layer, int head) implements Comparable<HeadRef> {
    @Override
    public int compareTo(HeadRef other) {
        return layer != other.layer ? Integer.compare(layer, other.layer) : Integer.compare(head, other.head);
    }

    @Override
    public String toString() {
        return "L" + layer + "H" + head;
    }
}
