// A default found in the sources that names the machine itself (jdbc:mysql://localhost:3306/shop) worked on a
// developer's machine; in a container it names the container, where no database runs. Such a default is not shipped.
const LOCAL_HOST = /(^|[/@=:;,(\s])(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|\[?::1\]?)(?=$|[:/;,)?\s])/i;

/** Whether a value names the local machine as a host. */
export const pointsAtLocalhost = (value: string): boolean => LOCAL_HOST.test(value);
