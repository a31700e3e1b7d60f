package im.tokens;

import im.auth.AuthProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires resumable tokens over the JDBC store (a SQLite file by default, or PostgreSQL). */
@Configuration(proxyBeanMethods = false)
class TokensConfiguration {

    @Bean
    ResumeTokens resumeTokens(JdbcClient jdbc, TransactionTemplate transactions, AuthProperties auth) {
        return new ResumeTokens(new JdbcTokenStore(jdbc, transactions), auth.tokenTtl(), Clock.systemUTC());
    }
}
