#!/usr/bin/env python3
"""Write a small multilingual Hugo documentation site shaped like the Kubernetes website
(content/{en,zh-cn,uk,vi}/docs) for benches/docsite.py, when a real checkout is not at hand.

usage: benches/docsite_fixture.py OUT_DIR

Deterministic. Every page kind that broke indexing of real doc sites is here: the same file
names and `_index.md` in every language, glossary pages declaring one `id:` in every
language, fenced YAML/shell with `#` comments, `- name:` items and lines repeated across
pages, Hugo shortcodes (glossary_tooltip, note, code_sample, heading "whatsnext", ref in an
href), English originals in HTML comments (zh-cn), reference pages whose flag tables repeat
across pages, translated pages whose body is mostly English identifiers, and zh-cn command
reference pages without front matter opening on a shared "概要" heading.
"""
import os, sys

LANGS = ["en", "zh-cn", "uk", "vi"]

# (slug, section, {lang: title}, {lang: a sentence about it}, yaml kind)
TOPICS = [
    ("pods", "workloads", {"en": "Pods", "zh-cn": "Pod", "uk": "Podʼи", "vi": "Pod"},
     {"en": "Pods are the smallest deployable units of computing that you can create and manage.",
      "zh-cn": "Pod 是可以在 Kubernetes 中创建和管理的、最小的可部署的计算单元。",
      "uk": "Podʼи — найменші обчислювальні одиниці, які можна створити та керувати ними.",
      "vi": "Pod là đơn vị tính toán nhỏ nhất có thể triển khai mà bạn có thể tạo và quản lý."}, "Pod"),
    ("deployment", "workloads", {"en": "Deployments", "zh-cn": "Deployments", "uk": "Deployments", "vi": "Deployments"},
     {"en": "A Deployment provides declarative updates for Pods and ReplicaSets.",
      "zh-cn": "一个 Deployment 为 Pod 和 ReplicaSet 提供声明式的更新能力。",
      "uk": "Deployment забезпечує декларативні оновлення для Podʼів та ReplicaSets.",
      "vi": "Một Deployment cung cấp các cập nhật khai báo cho Pod và ReplicaSet."}, "Deployment"),
    ("statefulset", "workloads", {"en": "StatefulSets", "zh-cn": "StatefulSet", "uk": "StatefulSets", "vi": "StatefulSet"},
     {"en": "StatefulSet is the workload API object used to manage stateful applications.",
      "zh-cn": "StatefulSet 是用来管理有状态应用的工作负载 API 对象。",
      "uk": "StatefulSet — це обʼєкт API робочого навантаження для керування застосунками зі станом.",
      "vi": "StatefulSet là đối tượng API workload dùng để quản lý các ứng dụng có trạng thái."}, "StatefulSet"),
    ("daemonset", "workloads", {"en": "DaemonSet", "zh-cn": "DaemonSet", "uk": "DaemonSet", "vi": "DaemonSet"},
     {"en": "A DaemonSet ensures that all or some nodes run a copy of a Pod.",
      "zh-cn": "DaemonSet 确保全部或者某些节点上运行一个 Pod 的副本。",
      "uk": "DaemonSet гарантує, що на всіх або деяких вузлах працює копія Podʼа.",
      "vi": "DaemonSet đảm bảo rằng tất cả hoặc một số node chạy một bản sao của Pod."}, "DaemonSet"),
    ("job", "workloads", {"en": "Jobs", "zh-cn": "Job", "uk": "Завдання (Jobs)", "vi": "Job"},
     {"en": "A Job creates one or more Pods and retries them until a number of them terminate successfully.",
      "zh-cn": "Job 会创建一个或者多个 Pod，并将继续重试 Pod 的执行，直到指定数量的 Pod 成功终止。",
      "uk": "Завдання створює один або кілька Podʼів і повторює спроби, доки потрібна кількість не завершиться успішно.",
      "vi": "Một Job tạo ra một hoặc nhiều Pod và thử lại cho đến khi một số Pod kết thúc thành công."}, "Job"),
    ("service", "services-networking", {"en": "Service", "zh-cn": "服务（Service）", "uk": "Сервіс", "vi": "Service"},
     {"en": "A Service exposes an application running in your cluster behind a single outward-facing endpoint.",
      "zh-cn": "Service 将运行在集群中的应用通过同一个面向外界的端点公开出去。",
      "uk": "Сервіс робить застосунок, що працює у кластері, доступним через єдину зовнішню точку доступу.",
      "vi": "Service công khai một ứng dụng đang chạy trong cluster của bạn sau một endpoint duy nhất."}, "Service"),
    ("ingress", "services-networking", {"en": "Ingress", "zh-cn": "Ingress", "uk": "Ingress", "vi": "Ingress"},
     {"en": "Ingress exposes HTTP and HTTPS routes from outside the cluster to services within the cluster.",
      "zh-cn": "Ingress 提供从集群外部到集群内服务的 HTTP 和 HTTPS 路由。",
      "uk": "Ingress відкриває маршрути HTTP та HTTPS ззовні кластера до сервісів у кластері.",
      "vi": "Ingress công khai các tuyến HTTP và HTTPS từ bên ngoài cluster tới các service bên trong."}, "Ingress"),
    ("network-policies", "services-networking", {"en": "Network Policies", "zh-cn": "网络策略", "uk": "Мережеві політики", "vi": "Chính sách mạng"},
     {"en": "Network policies let you control traffic flow at the IP address or port level.",
      "zh-cn": "网络策略允许你在 IP 地址或端口层面控制网络流量。",
      "uk": "Мережеві політики дозволяють керувати потоком трафіку на рівні IP-адрес або портів.",
      "vi": "Chính sách mạng cho phép bạn kiểm soát luồng lưu lượng ở cấp địa chỉ IP hoặc cổng."}, "NetworkPolicy"),
    ("dns-pod-service", "services-networking", {"en": "DNS for Services and Pods", "zh-cn": "Service 与 Pod 的 DNS", "uk": "DNS для Сервісів та Podʼів", "vi": "DNS cho Service và Pod"},
     {"en": "Kubernetes creates DNS records for Services and Pods so you can contact them by name.",
      "zh-cn": "Kubernetes 为 Service 和 Pod 创建 DNS 记录，你可以通过名称访问它们。",
      "uk": "Kubernetes створює записи DNS для Сервісів і Podʼів, щоб звертатися до них за іменем.",
      "vi": "Kubernetes tạo bản ghi DNS cho Service và Pod để bạn liên hệ với chúng bằng tên."}, "Service"),
    ("persistent-volumes", "storage", {"en": "Persistent Volumes", "zh-cn": "持久卷", "uk": "Постійні томи", "vi": "Persistent Volume"},
     {"en": "A PersistentVolume is a piece of storage in the cluster provisioned by an administrator.",
      "zh-cn": "持久卷是集群中的一块存储，可以由管理员事先制备。",
      "uk": "Постійний том — це частина сховища в кластері, яку надає адміністратор.",
      "vi": "PersistentVolume là một phần lưu trữ trong cluster do quản trị viên cấp phát."}, "PersistentVolume"),
    ("storage-classes", "storage", {"en": "Storage Classes", "zh-cn": "存储类", "uk": "Класи сховищ", "vi": "Storage Class"},
     {"en": "A StorageClass provides a way for administrators to describe the classes of storage they offer.",
      "zh-cn": "StorageClass 为管理员提供了描述存储类的方法。",
      "uk": "StorageClass дає адміністраторам спосіб описати класи сховищ, які вони пропонують.",
      "vi": "StorageClass cung cấp cách để quản trị viên mô tả các lớp lưu trữ mà họ cung cấp."}, "StorageClass"),
    ("volumes", "storage", {"en": "Volumes", "zh-cn": "卷", "uk": "Томи", "vi": "Volume"},
     {"en": "Volumes provide a way for containers in a Pod to access and share data via the filesystem.",
      "zh-cn": "卷为 Pod 中的容器提供了一种通过文件系统访问和共享数据的方式。",
      "uk": "Томи дають контейнерам у Podʼі спосіб отримувати доступ до даних і ділитися ними через файлову систему.",
      "vi": "Volume cung cấp cách để các container trong Pod truy cập và chia sẻ dữ liệu qua hệ thống tệp."}, "Pod"),
    ("configmap", "configuration", {"en": "ConfigMaps", "zh-cn": "ConfigMap", "uk": "ConfigMaps", "vi": "ConfigMap"},
     {"en": "A ConfigMap is an API object used to store non-confidential data in key-value pairs.",
      "zh-cn": "ConfigMap 是一种 API 对象，用来将非机密性的数据保存到键值对中。",
      "uk": "ConfigMap — це обʼєкт API для зберігання неконфіденційних даних у парах ключ-значення.",
      "vi": "ConfigMap là một đối tượng API dùng để lưu dữ liệu không bí mật dưới dạng cặp khóa-giá trị."}, "ConfigMap"),
    ("secret", "configuration", {"en": "Secrets", "zh-cn": "Secret", "uk": "Секрети", "vi": "Secret"},
     {"en": "A Secret is an object that contains a small amount of sensitive data such as a password or a token.",
      "zh-cn": "Secret 是一种包含少量敏感信息例如密码、令牌或密钥的对象。",
      "uk": "Секрет — це обʼєкт, що містить невелику кількість чутливих даних, як-от пароль або токен.",
      "vi": "Secret là một đối tượng chứa một lượng nhỏ dữ liệu nhạy cảm như mật khẩu hoặc token."}, "Secret"),
    ("manage-resources-containers", "configuration", {"en": "Resource Management for Pods and Containers", "zh-cn": "为 Pod 和容器管理资源", "uk": "Керування ресурсами для Podʼів та контейнерів", "vi": "Quản lý tài nguyên cho Pod và Container"},
     {"en": "When you specify a Pod, you can optionally specify how much of each resource a container needs.",
      "zh-cn": "当你定义 Pod 时可以选择性地为每个容器设定所需要的资源数量。",
      "uk": "Коли ви визначаєте Pod, ви можете вказати, скільки кожного ресурсу потрібно контейнеру.",
      "vi": "Khi bạn chỉ định một Pod, bạn có thể chỉ định lượng tài nguyên mà mỗi container cần."}, "Pod"),
    ("namespaces", "overview", {"en": "Namespaces", "zh-cn": "名字空间", "uk": "Простори імен", "vi": "Namespace"},
     {"en": "Namespaces provide a mechanism for isolating groups of resources within a single cluster.",
      "zh-cn": "名字空间提供一种机制，将同一集群中的资源划分为相互隔离的组。",
      "uk": "Простори імен надають механізм для ізоляції груп ресурсів в межах одного кластера.",
      "vi": "Namespace cung cấp cơ chế để cô lập các nhóm tài nguyên trong một cluster."}, "Namespace"),
    ("labels", "overview", {"en": "Labels and Selectors", "zh-cn": "标签和选择算符", "uk": "Мітки та Селектори", "vi": "Nhãn và Bộ chọn"},
     {"en": "Labels are key/value pairs that are attached to objects such as Pods.",
      "zh-cn": "标签是附加到 Kubernetes 对象（比如 Pod）上的键值对。",
      "uk": "Мітки — це пари ключ/значення, які прикріплюються до обʼєктів, таких як Podʼи.",
      "vi": "Nhãn là các cặp khóa/giá trị được gắn vào các đối tượng như Pod."}, "Pod"),
    ("annotations", "overview", {"en": "Annotations", "zh-cn": "注解", "uk": "Анотації", "vi": "Chú thích"},
     {"en": "You can use annotations to attach arbitrary non-identifying metadata to objects.",
      "zh-cn": "你可以使用注解为对象附加任意的非标识的元数据。",
      "uk": "Анотації дозволяють прикріплювати до обʼєктів довільні неідентифікуючі метадані.",
      "vi": "Bạn có thể dùng chú thích để gắn siêu dữ liệu không định danh tùy ý vào đối tượng."}, "Pod"),
    ("components", "overview", {"en": "Kubernetes Components", "zh-cn": "Kubernetes 组件", "uk": "Компоненти Kubernetes", "vi": "Các thành phần Kubernetes"},
     {"en": "A Kubernetes cluster consists of a control plane and a set of worker machines called nodes.",
      "zh-cn": "Kubernetes 集群由控制平面和一组被称作节点的工作机器组成。",
      "uk": "Кластер Kubernetes складається з панелі управління та набору робочих машин — вузлів.",
      "vi": "Một cluster Kubernetes bao gồm control plane và một tập máy worker gọi là node."}, "Pod"),
    ("rbac", "security", {"en": "Using RBAC Authorization", "zh-cn": "使用 RBAC 鉴权", "uk": "Використання RBAC авторизації", "vi": "Sử dụng phân quyền RBAC"},
     {"en": "Role-based access control regulates access to resources based on the roles of individual users.",
      "zh-cn": "基于角色的访问控制是一种基于用户角色来调控对资源访问的方法。",
      "uk": "Керування доступом на основі ролей регулює доступ до ресурсів відповідно до ролей користувачів.",
      "vi": "Kiểm soát truy cập dựa trên vai trò điều chỉnh quyền truy cập tài nguyên theo vai trò người dùng."}, "Role"),
    ("pod-security-standards", "security", {"en": "Pod Security Standards", "zh-cn": "Pod 安全性标准", "uk": "Стандарти безпеки Podʼів", "vi": "Tiêu chuẩn bảo mật Pod"},
     {"en": "The Pod Security Standards define three different policies to broadly cover the security spectrum.",
      "zh-cn": "Pod 安全性标准定义了三种不同的策略，以广泛覆盖安全应用场景。",
      "uk": "Стандарти безпеки Podʼів визначають три різні політики, що охоплюють весь спектр безпеки.",
      "vi": "Tiêu chuẩn bảo mật Pod định nghĩa ba chính sách khác nhau bao phủ phổ bảo mật."}, "Pod"),
    ("service-accounts", "security", {"en": "Service Accounts", "zh-cn": "服务账号", "uk": "Службові облікові записи", "vi": "Tài khoản dịch vụ"},
     {"en": "A service account provides an identity for processes that run in a Pod.",
      "zh-cn": "服务账号为 Pod 中运行的进程提供身份标识。",
      "uk": "Службовий обліковий запис надає ідентичність процесам, що працюють у Podʼі.",
      "vi": "Tài khoản dịch vụ cung cấp danh tính cho các tiến trình chạy trong Pod."}, "ServiceAccount"),
    ("horizontal-pod-autoscale", "tasks", {"en": "Horizontal Pod Autoscaling", "zh-cn": "Pod 水平自动扩缩", "uk": "Горизонтальне автомасштабування Podʼів", "vi": "Tự động co giãn Pod theo chiều ngang"},
     {"en": "A HorizontalPodAutoscaler automatically updates a workload resource to match demand.",
      "zh-cn": "HorizontalPodAutoscaler 自动更新工作负载资源，以满足需求。",
      "uk": "HorizontalPodAutoscaler автоматично оновлює ресурс робочого навантаження відповідно до попиту.",
      "vi": "HorizontalPodAutoscaler tự động cập nhật tài nguyên workload để đáp ứng nhu cầu."}, "HorizontalPodAutoscaler"),
    ("configure-liveness-readiness-startup-probes", "tasks", {"en": "Configure Liveness, Readiness and Startup Probes", "zh-cn": "配置存活、就绪和启动探针", "uk": "Налаштування проб Liveness, Readiness та Startup", "vi": "Cấu hình Liveness, Readiness và Startup Probe"},
     {"en": "The kubelet uses liveness probes to know when to restart a container.",
      "zh-cn": "kubelet 使用存活探针来确定什么时候要重启容器。",
      "uk": "Kubelet використовує проби liveness, щоб знати, коли перезапустити контейнер.",
      "vi": "Kubelet dùng liveness probe để biết khi nào cần khởi động lại container."}, "Pod"),
    ("safely-drain-node", "tasks", {"en": "Safely Drain a Node", "zh-cn": "安全地清空一个节点", "uk": "Безпечне очищення вузла", "vi": "Rút cạn một Node an toàn"},
     {"en": "You can use kubectl drain to safely evict all of your pods from a node before maintenance.",
      "zh-cn": "你可以在对节点执行维护之前使用 kubectl drain 从节点安全地逐出所有 Pod。",
      "uk": "Ви можете використати kubectl drain, щоб безпечно виселити всі Podʼи з вузла перед обслуговуванням.",
      "vi": "Bạn có thể dùng kubectl drain để trục xuất an toàn mọi Pod khỏi node trước khi bảo trì."}, "Pod"),
    ("configure-etcd", "tasks", {"en": "Operating etcd clusters for Kubernetes", "zh-cn": "为 Kubernetes 运行 etcd 集群", "uk": "Керування кластерами etcd для Kubernetes", "vi": "Vận hành cluster etcd cho Kubernetes"},
     {"en": "etcd is a consistent and highly-available key value store used as the backing store for cluster data.",
      "zh-cn": "etcd 是兼顾一致性和高可用性的键值数据库，用作保存集群数据的后台数据库。",
      "uk": "etcd — це узгоджене та високодоступне сховище ключ-значення для всіх даних кластера.",
      "vi": "etcd là kho khóa-giá trị nhất quán và sẵn sàng cao dùng làm nơi lưu dữ liệu cluster."}, "Pod"),
]

COMMANDS = [
    ("kubectl_apply", {"en": "Apply a configuration to a resource by file name or stdin.",
                       "zh-cn": "通过文件名或标准输入将配置应用到资源。",
                       "uk": "Застосувати конфігурацію до ресурсу за іменем файлу або з stdin.",
                       "vi": "Áp dụng cấu hình cho tài nguyên theo tên tệp hoặc stdin."}),
    ("kubectl_get", {"en": "Display one or many resources.", "zh-cn": "显示一个或多个资源。",
                     "uk": "Показати один або кілька ресурсів.", "vi": "Hiển thị một hoặc nhiều tài nguyên."}),
    ("kubectl_describe", {"en": "Show details of a specific resource or group of resources.",
                          "zh-cn": "显示特定资源或资源组的详细信息。",
                          "uk": "Показати докладні відомості про ресурс або групу ресурсів.",
                          "vi": "Hiển thị chi tiết của một tài nguyên hoặc nhóm tài nguyên."}),
    ("kubectl_logs", {"en": "Print the logs for a container in a pod.", "zh-cn": "打印 Pod 中容器的日志。",
                      "uk": "Вивести журнали контейнера в podʼі.", "vi": "In nhật ký của một container trong pod."}),
    ("kubectl_drain", {"en": "Drain node in preparation for maintenance.", "zh-cn": "清空节点以准备维护。",
                       "uk": "Очистити вузол для підготовки до обслуговування.", "vi": "Rút cạn node để chuẩn bị bảo trì."}),
    ("kubectl_scale", {"en": "Set a new size for a deployment, replica set, or stateful set.",
                       "zh-cn": "为 Deployment、ReplicaSet 或 StatefulSet 设置新的规模。",
                       "uk": "Встановити новий розмір для deployment, replica set або stateful set.",
                       "vi": "Đặt kích thước mới cho deployment, replica set hoặc stateful set."}),
]

INHERITED = {"en": "Options inherited from parent commands", "zh-cn": "从父命令继承而来的选项",
             "uk": "Параметри успадковані від батьківських команд", "vi": "Các tùy chọn kế thừa từ lệnh cha"}
OPTIONS = {"en": "Options", "zh-cn": "选项", "uk": "Параметри", "vi": "Tùy chọn"}
SYNOPSIS = {"en": "Synopsis", "zh-cn": "概要", "uk": "Огляд", "vi": "Tóm tắt"}
FLAGS = [("--as string", "Username to impersonate for the operation."),
         ("--cache-dir string&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Default: \"$HOME/.kube/cache\"", "Default cache directory"),
         ("--certificate-authority string", "Path to a cert file for the certificate authority"),
         ("--kubeconfig string", "Path to the kubeconfig file to use for CLI requests."),
         ("-n, --namespace string", "If present, the namespace scope for this CLI request"),
         ("--request-timeout string&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Default: \"0\"", "The length of time to wait before giving up on a single server request."),
         ("-s, --server string", "The address and port of the Kubernetes API server"),
         ("--token string", "Bearer token for authentication to the API server"),
         ("-v, --v Level", "number for the log level verbosity")]
NOTE = {"en": "Pods are designed as relatively ephemeral, disposable entities.",
        "zh-cn": "Pod 被设计成相对临时性的、用后即抛的一次性实体。",
        "uk": "Podʼи спроєктовані як відносно тимчасові, одноразові сутності.",
        "vi": "Pod được thiết kế như những thực thể tương đối tạm thời và dùng một lần."}
EXAMPLE = {"en": "Here is an example manifest for this object:", "zh-cn": "下面是这个对象的配置清单示例：",
           "uk": "Ось приклад маніфесту для цього обʼєкта:", "vi": "Đây là một ví dụ manifest cho đối tượng này:"}
APPLY = {"en": "To create it, run the following command:", "zh-cn": "要创建它，运行下面的命令：",
         "uk": "Щоб створити його, виконайте таку команду:", "vi": "Để tạo nó, chạy lệnh sau:"}
TOOLTIP = {"en": ("API object", "Each {} in your cluster has a name that is unique for that type of resource."),
           "zh-cn": ("对象", "集群中的每一个{}都有一个名称来标识在同类资源中的唯一性。"),
           "uk": ("обʼєкт", "Кожен {} у вашому кластері має імʼя, унікальне для цього типу ресурсу."),
           "vi": ("đối tượng", "Mỗi {} trong cluster của bạn có một tên duy nhất cho loại tài nguyên đó.")}
READ_MORE = {"en": "Read more about {} and how to manage it in your cluster.",
             "zh-cn": "进一步了解 {} 以及如何在集群中管理它。",
             "uk": "Дізнайтеся більше про {} та як керувати цим у кластері.",
             "vi": "Tìm hiểu thêm về {} và cách quản lý nó trong cluster."}
SECTION_TITLES = {
    "workloads": {"en": "Workloads", "zh-cn": "工作负载", "uk": "Робочі навантаження", "vi": "Workload"},
    "services-networking": {"en": "Services, Load Balancing, and Networking", "zh-cn": "服务、负载均衡和联网", "uk": "Сервіси, балансування навантаження та мережа", "vi": "Service, cân bằng tải và mạng"},
    "storage": {"en": "Storage", "zh-cn": "存储", "uk": "Сховища", "vi": "Lưu trữ"},
    "configuration": {"en": "Configuration", "zh-cn": "配置", "uk": "Конфігурація", "vi": "Cấu hình"},
    "overview": {"en": "Overview", "zh-cn": "概述", "uk": "Огляд", "vi": "Tổng quan"},
    "security": {"en": "Security", "zh-cn": "安全", "uk": "Безпека", "vi": "Bảo mật"},
    "tasks": {"en": "Tasks", "zh-cn": "任务", "uk": "Завдання", "vi": "Tác vụ"},
}


def manifest(kind, slug):
    return (f"```yaml\n# {kind} example: {slug}\napiVersion: v1\nkind: {kind}\nmetadata:\n"
            f"  name: {slug}-demo\n  labels:\n    app: {slug}\nspec:\n  containers:\n"
            f"  - name: nginx\n    image: nginx:1.14.2\n    ports:\n    - containerPort: 80\n```\n")


def concept(lang, slug, titles, sentence, kind):
    word, tip = TOOLTIP[lang]
    tooltip = tip.format(f'{{{{< glossary_tooltip text="{word}" term_id="object" >}}}}')
    out = f"---\ntitle: {titles[lang]}\ncontent_type: concept\nweight: 10\n"
    out += f"description: >-\n  {sentence}\n---\n\n<!-- overview -->\n\n"
    if lang == "zh-cn":
        out += f"<!--\n{TOPICS_BY_SLUG[slug][3]['en']}\n-->\n"
    out += f"{sentence}\n\n{tooltip}\n\n<!-- body -->\n\n"
    out += f"## {titles[lang]} {{#{slug}}}\n\n{EXAMPLE[lang]}\n\n{manifest(kind, slug)}\n"
    out += f"{{{{< note >}}}}\n{NOTE[lang]}\n{{{{< /note >}}}}\n\n"
    out += f"{APPLY[lang]}\n\n```shell\n# {APPLY['en']}\nkubectl apply -f https://k8s.io/examples/{slug}.yaml\n```\n\n"
    out += f"{{{{% code_sample file=\"{slug}/simple.yaml\" %}}}}\n\n"
    if lang in ("zh-cn", "uk"):
        # A table of identifiers, mostly English, as in translated API pages.
        out += "| Field | Type | Default |\n|---|---|---|\n"
        out += "| `spec.replicas` | integer | 1 |\n| `spec.selector` | LabelSelector | |\n"
        out += "| `metadata.name` | string | |\n| `metadata.namespace` | string | default |\n\n"
    out += '## {{% heading "whatsnext" %}}\n\n'
    link = f'<a href="{{{{< ref "/docs/concepts/{slug}" >}}}}">{titles[lang]}</a>'
    out += "* " + READ_MORE[lang].format(link) + "\n"
    return out


GLOSSARY = {"en": "{} is a term of the Kubernetes glossary; the concept page describes it in full.",
            "zh-cn": "{} 是 Kubernetes 术语表中的一个术语；概念页面对其有完整描述。",
            "uk": "{} — термін глосарія Kubernetes; сторінка концепції описує його повністю.",
            "vi": "{} là một thuật ngữ trong bảng thuật ngữ Kubernetes; trang khái niệm mô tả đầy đủ."}


def glossary(lang, slug, titles, sentence):
    short = GLOSSARY[lang].format(titles[lang])
    return (f"---\ntitle: {titles[lang]}\nid: {slug}\ndate: 2018-04-12\n"
            f"full_link: /docs/concepts/{slug}/\nshort_description: >\n  {short}\naka:\ntags:\n- fundamental\n---\n"
            f" {short}\n\n<!--more-->\n\n{NOTE[lang] if slug == 'pods' else ''}\n")


def command(lang, name, purpose, front_matter):
    flags = "".join(
        f'<tr>\n<td colspan="2">{flag}</td>\n</tr>\n<tr>\n<td></td><td style="line-height: 130%;">'
        f"<p>{desc}</p></td>\n</tr>\n" for flag, desc in FLAGS)
    table = f'<table style="width: 100%; table-layout: fixed;">\n<tbody>\n{flags}</tbody>\n</table>\n'
    out = f"---\ntitle: {name}\ncontent_type: tool-reference\nweight: 30\nauto_generated: true\n---\n\n" if front_matter else ""
    # English pages name their headings by i18n key, as the generated reference does.
    synopsis, options, inherited = (
        ('{{% heading "synopsis" %}}', '{{% heading "options" %}}', '{{% heading "parentoptions" %}}')
        if lang == "en" else (SYNOPSIS[lang], OPTIONS[lang], INHERITED[lang]))
    out += f"## {synopsis}\n\n{purpose[lang]}\n\n```\n{name.replace('_', ' ')} [flags]\n```\n\n"
    out += f"## {options}\n\n{table}\n## {inherited}\n\n{table}"
    return out


TOPICS_BY_SLUG = {t[0]: t for t in TOPICS}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    for lang in LANGS:
        docs = os.path.join(out, "content", lang, "docs")
        write(os.path.join(docs, "_index.md"), f"---\ntitle: {'Documentation' if lang == 'en' else {'zh-cn': '文档', 'uk': 'Документація', 'vi': 'Tài liệu'}[lang]}\n---\n\nKubernetes {SECTION_TITLES['overview'][lang]}.\n")
        for section, titles in SECTION_TITLES.items():
            write(os.path.join(docs, "concepts", section, "_index.md"),
                  f"---\ntitle: {titles[lang]}\nweight: 20\n---\n\n{titles[lang]}: Kubernetes.\n")
        for slug, section, titles, sentences, kind in TOPICS:
            write(os.path.join(docs, "concepts", section, f"{slug}.md"),
                  concept(lang, slug, titles, sentences[lang], kind))
            write(os.path.join(docs, "reference", "glossary", f"{slug}.md"),
                  glossary(lang, slug, titles, sentences[lang]))
        for name, purpose in COMMANDS:
            write(os.path.join(docs, "reference", "kubectl", "generated", name, "_index.md"),
                  command(lang, name, purpose, front_matter=lang != "zh-cn"))


if __name__ == "__main__":
    main()
