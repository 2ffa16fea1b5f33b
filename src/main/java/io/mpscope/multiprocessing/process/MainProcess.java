package io.mpscope.multiprocessing.process;

/**
 * The root process of a program, as {@code currentProcess()} returns it there: named {@code MainProcess}, never a
 * daemon, with no parent. Python: {@code multiprocessing.process._MainProcess}.
 */
final class MainProcess extends Process {
    private static final long serialVersionUID = 1L;

    MainProcess() {
        super("MainProcess", new int[0], -1, null);
    }

    @Override
    String typeName() {
        return "_MainProcess";
    }

    @Override
    public String toString() {
        return "<_MainProcess name='" + getName() + "' parent=None started>";
    }
}
