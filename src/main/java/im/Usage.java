package im;

/** What {@code java -jar im-server.jar --help} prints. */
final class Usage {

    static final String TEXT = """
            Usage: java -jar im-server.jar [--key=value ...]    start the server
                   java -jar im-server.jar client [options]     the terminal client (client --help)
                   java -jar im-server.jar bench [options]      the load generator (bench --help)
                   java -jar im-server.jar fuzz [options]       the fuzzer (fuzz --help)
                   java -jar im-server.jar verify [options]     check users.txt and data/ offline (verify --help)
                   java -jar im-server.jar import-users <file>  a users file into a cluster's PostgreSQL

            Settings: config/application.yml lists every one with its default (read from ./config
            when the server starts in the repository); give any on the command line
            (--im.tcp.port=6000) or in the environment (IM_TCP_PORT=6000). README.md explains them.""";

    private Usage() {
    }
}
