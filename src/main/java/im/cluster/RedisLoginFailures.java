package im.cluster;

import im.auth.LoginThrottle;
import im.throttle.RateLimitedLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The login throttle's failure counts in Redis ({@code im:login-failures:<key>}, "count
 * last-millis", expiring with the throttle's memory), so that every node counts one account's
 * guesses together. Times are the wall clock's, in milliseconds. When Redis does not answer,
 * the counts fall back to this node's own table until it does: guesses are then limited per
 * node, never unlimited.
 */
final class RedisLoginFailures implements LoginThrottle.FailureTable {

    private static final Logger log = LoggerFactory.getLogger(RedisLoginFailures.class);
    private static final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));
    private static final String PREFIX = "im:login-failures:";
    /** One more failure, or the first of a new count when the last is older than the memory. */
    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local value = redis.call('GET', KEYS[1])
            local now = tonumber(ARGV[1])
            local count = 1
            if value then
              local space = string.find(value, ' ')
              local last = tonumber(string.sub(value, space + 1))
              if now - last <= tonumber(ARGV[2]) then count = tonumber(string.sub(value, 1, space - 1)) + 1 end
            end
            redis.call('SET', KEYS[1], count .. ' ' .. now, 'PX', ARGV[2])
            return count""", Long.class);
    private static final RedisScript<Long> TAKE_BACK = RedisScript.of("""
            local value = redis.call('GET', KEYS[1])
            if not value then return 0 end
            local space = string.find(value, ' ')
            local count = tonumber(string.sub(value, 1, space - 1))
            if count <= 1 then redis.call('DEL', KEYS[1]) return 0 end
            redis.call('SET', KEYS[1], (count - 1) .. string.sub(value, space), 'KEEPTTL')
            return count - 1""", Long.class);

    private final StringRedisTemplate redis;
    private final LoginThrottle.FailureTable fallback;

    RedisLoginFailures(StringRedisTemplate redis, LoginThrottle.FailureTable fallback) {
        this.redis = redis;
        this.fallback = fallback;
    }

    @Override
    public LoginThrottle.Failures get(String key) {
        try {
            String value = redis.opsForValue().get(PREFIX + key);
            if (value == null) {
                return fallback.get(key);
            }
            int space = value.indexOf(' ');
            return new LoginThrottle.Failures(Integer.parseInt(value.substring(0, space)),
                    TimeUnit.MILLISECONDS.toNanos(Long.parseLong(value.substring(space + 1))));
        } catch (RuntimeException e) {
            failures.error("Redis failed reading login failures; this node counts them alone meanwhile", e);
            return fallback.get(key);
        }
    }

    @Override
    public void count(String key, long now, long memoryNanos) {
        try {
            redis.execute(COUNT, List.of(PREFIX + key), String.valueOf(TimeUnit.NANOSECONDS.toMillis(now)),
                    String.valueOf(Math.max(1, TimeUnit.NANOSECONDS.toMillis(memoryNanos))));
        } catch (RuntimeException e) {
            failures.error("Redis failed counting a login failure; this node counts them alone meanwhile", e);
            fallback.count(key, now, memoryNanos);
        }
    }

    @Override
    public void remove(String key) {
        fallback.remove(key);
        try {
            redis.delete(PREFIX + key);
        } catch (RuntimeException e) {
            failures.error("Redis failed clearing login failures", e);
        }
    }

    @Override
    public void takeBack(String key) {
        fallback.takeBack(key);
        try {
            redis.execute(TAKE_BACK, List.of(PREFIX + key));
        } catch (RuntimeException e) {
            failures.error("Redis failed taking back a login failure", e);
        }
    }
}
