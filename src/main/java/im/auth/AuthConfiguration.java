package im.auth;

import im.system.LimitsProperties;
import im.system.Threads;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the account store, the password hasher and its thread pool from configuration. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    AccountStore accountStore(UsersFileProperties users) {
        return new AccountStore(users.file());
    }

    @Bean
    PasswordHashing passwordHashing(AuthProperties auth) {
        return new PasswordHashing(auth.pbkdf2Iterations(),
                Threads.fixedPool("im-hash-", auth.effectiveHashingThreads()));
    }

    @Bean
    Accounts accounts(AccountStore store, PasswordHashing hashing, LimitsProperties limits) {
        return new Accounts(store, hashing, limits, Clock.systemUTC());
    }
}
