/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libiov: the core of iovctl. Gathers and decodes what the system says about
 * PCI functions, SR-IOV, IOMMU groups and NUMA placement. Nothing here prints
 * or exits: functions return 0 or a negative errno and fill plain structs.
 */
#ifndef IOV_H
#define IOV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct iov_ctx;

/* ---- context (ctx.c) ---------------------------------------------------- */

typedef void (*iov_log_fn)(void *data, int level, const char *fmt, va_list ap);

enum {
	IOV_LOG_ERR = 3,
	IOV_LOG_WARN = 4,
	IOV_LOG_INFO = 6,
	IOV_LOG_DEBUG = 7,
};

/*
 * sysfs_root is what /sys is (NULL: "/sys"), or a snapshot's top directory
 * (one holding sys/bus but no bus/ of its own), which stands for its sys/;
 * proc_root what /proc is (NULL: "/proc", or "<sysfs_root>/../proc" when a
 * sysfs root is given and that directory exists, which is how snapshots
 * are laid out).
 */
int iov_ctx_new(struct iov_ctx **out, const char *sysfs_root, const char *proc_root);
void iov_ctx_free(struct iov_ctx *ctx);
void iov_ctx_set_log(struct iov_ctx *ctx, iov_log_fn fn, void *data);
void iov_log(struct iov_ctx *ctx, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *iov_ctx_sysfs_root(const struct iov_ctx *ctx);
const char *iov_ctx_proc_root(const struct iov_ctx *ctx);
/* true when reading the live system rather than a fixture or snapshot */
bool iov_ctx_is_live(const struct iov_ctx *ctx);

/* ---- paths under the injectable root (path.c) ---------------------------- */

/*
 * Every path iovctl reads is built here. rel is relative to the sysfs root
 * ("bus/pci/devices/0000:00:01.0/numa_node"). Return 0 or -ENAMETOOLONG.
 */
int iov_sysfs_path(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int iov_proc_path(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Read a whole text attribute: the text ends at the first NUL, trailing
 * whitespace stripped; -EOVERFLOW when it does not fit in len - 1 bytes.
 * Every attribute read goes through here. 0 or -errno.
 */
int iov_read_file(const char *path, char *buf, size_t len);
/* Cut buf[0..n) at its first NUL and strip trailing whitespace; new length. */
size_t iov_attr_trim(char *buf, size_t n);
/* Read up to len bytes of a binary file; returns bytes read or -errno. */
ssize_t iov_read_bin(const char *path, void *buf, size_t len);
/* Parse a file holding one integer (decimal, or 0x-hex). 0 or -errno. */
int iov_read_int(const char *path, long long *val);
/* Basename of a symlink target ("../../bus/pci/drivers/nvme" -> "nvme"). */
int iov_read_link_name(const char *path, char *buf, size_t len);

/* Same, relative to the sysfs root, printf-style. */
int iov_sysfs_read_str(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int iov_sysfs_read_int(const struct iov_ctx *ctx, long long *val, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int iov_sysfs_read_link_name(const struct iov_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));


/* ---- values (parse.c) ----------------------------------------------------- */

/*
 * A size in bytes: digits and an optional binary multiple k, M, G, T, P, E
 * (any case, "KiB" and "kB" too).  0, -EINVAL (not a size) or -ERANGE
 * (beyond 64 bits).
 */
int iov_parse_size(const char *s, uint64_t *bytes);

#define IOV_CPU_WORDS 128	/* CPU masks of 8192 CPUs */

/*
 * A CPU list, "0-3,8", into a bit mask of nwords 64-bit words; blanks and
 * a newline around it are allowed, and an empty list is an empty mask.
 * 0, -EINVAL (not a list) or -ERANGE (a CPU beyond the mask, a range
 * backwards).
 */
int iov_cpulist_parse(const char *s, uint64_t *mask, size_t nwords);
/* The CPUs in a mask. */
unsigned iov_cpulist_count(const uint64_t *mask, size_t nwords);

/* ---- PCI addresses (bdf.c) ----------------------------------------------- */

struct iov_bdf {
	uint32_t domain;	/* 32-bit: VMD and Hyper-V use domains above ffff */
	uint8_t bus;
	uint8_t dev;	/* 0..31 */
	uint8_t fn;	/* 0..7 */
};

#define IOV_BDF_STRLEN 17	/* "dddddddd:bb:dd.f" + NUL; the domain has 4-8 digits */

/* What is wrong with an address (or a -s selector), for a usage error. */
enum iov_addr_err {
	IOV_ADDR_OK = 0,
	IOV_ADDR_SHAPE,		/* not [domain:]bus:device.function */
	IOV_ADDR_PREFIX,	/* "0x81": the fields are hex already */
	IOV_ADDR_DOMAIN,	/* not 1-8 hex digits */
	IOV_ADDR_BUS,		/* not 1-2 hex digits */
	IOV_ADDR_DEV,		/* not 00-1f */
	IOV_ADDR_FN,		/* not 0-7 */
	IOV_ADDR_VF,		/* PF/vfN: N not a VF index */
};

/* "DDDD:BB:DD.F" (domain of 1-8 digits) or "BB:DD.F" (domain 0). 0 or -EINVAL. */
int iov_bdf_parse(const char *s, struct iov_bdf *out);
/* The same, saying which part is wrong; *out is left alone on error. */
enum iov_addr_err iov_bdf_parse_why(const char *s, struct iov_bdf *out);
/* "function must be 0-7": the reason, for "invalid PCI address 'X': REASON". */
const char *iov_addr_strerror(enum iov_addr_err e);
/* s is an address as the kernel spells it ("10000:01:00.0"), as in sysfs names. */
bool iov_bdf_canonical(const char *s, struct iov_bdf *out);
/*
 * s can only be meant as an address: it has a ':' (device names never do)
 * and no '/'. A malformed one is then a usage error, not an unknown name.
 */
bool iov_addr_shaped(const char *s);
/*
 * A VF named as its PF's VF: "0000:81:00.0/vf1" or "81:00.0/vf1".  The PF's
 * address and the VF index (decimal, 0-65535); IOV_ADDR_SHAPE when s is no
 * PF/vfN at all, IOV_ADDR_VF when the index is malformed, or what is wrong
 * with the PF's address.  *pf and *index are left alone on error.
 */
enum iov_addr_err iov_vf_ref_parse_why(const char *s, struct iov_bdf *pf, unsigned *index);
/* s is meant as PF/vfN: an address-shaped part, then "/vf" (a path never starts so). */
bool iov_vf_ref_shaped(const char *s);
/*
 * The function s names, an address or PF/vfN, under the context's root (a
 * VF through its PF's virtfnN link).  0, -EINVAL when s is neither, or
 * -ENODEV when the PF has no such VF.  Whether an address exists is the
 * caller's to check.
 */
int iov_function_resolve(const struct iov_ctx *ctx, const char *s, struct iov_bdf *out);
void iov_bdf_format(const struct iov_bdf *bdf, char buf[IOV_BDF_STRLEN]);
int iov_bdf_cmp(const struct iov_bdf *a, const struct iov_bdf *b);
static inline uint16_t iov_bdf_rid(const struct iov_bdf *b)
{
	return (uint16_t)(b->bus << 8 | b->dev << 3 | b->fn);
}

/*
 * lspci's -s "[[[domain]:][bus]:][dev][.[fn]]" and -d
 * "[vendor]:[device][:class[:prog-if]]", by libpci's own filter
 * (pci_filter_*): the same syntax and the same functions selected, partial
 * classes ("-d ::01xx", x for any digit) and prog-if ("-d ::0108:02")
 * included. As in lspci, every -s and -d goes into one filter and a later
 * one sets only the fields it names.
 */
struct iov_filter;
struct iov_dev;
struct iov_filter *iov_filter_new(void);
void iov_filter_free(struct iov_filter *f);
/* 0, or -EINVAL with libpci's reason in *why ("Invalid bus number") */
int iov_filter_slot(struct iov_filter *f, const char *s, const char **why);
int iov_filter_id(struct iov_filter *f, const char *s, const char **why);
/*
 * Whether a scanned function passes. IDs and class are the kernel's (the
 * sysfs attributes, read only when the filter names them), as lspci reads
 * them; a function whose attributes cannot be read does not pass.
 */
bool iov_filter_match(struct iov_ctx *ctx, struct iov_filter *f, const struct iov_dev *d);

/* ---- config space and capabilities (caps.c) ------------------------------ */

#define IOV_CFG_SIZE 4096
#define IOV_CFG_STD_SIZE 256
#define IOV_MAX_CAPS 64

/* Config bytes plus how many were readable: 4096 as root, 64 as a user. */
struct iov_config {
	uint8_t bytes[IOV_CFG_SIZE];
	size_t len;
};

bool iov_cfg_has(const struct iov_config *cfg, unsigned off, unsigned n);
uint8_t iov_cfg_u8(const struct iov_config *cfg, unsigned off);
uint16_t iov_cfg_u16(const struct iov_config *cfg, unsigned off);
uint32_t iov_cfg_u32(const struct iov_config *cfg, unsigned off);

enum iov_cap_space { IOV_CAP_STD = 0, IOV_CAP_EXT = 1 };

struct iov_cap {
	uint8_t space;		/* enum iov_cap_space */
	uint8_t version;	/* extended capabilities only */
	uint16_t id;
	uint16_t offset;
};

/* Why a capability list walk stopped early. */
enum iov_walk_status {
	IOV_WALK_OK = 0,
	IOV_WALK_UNREAD,	/* the list lies beyond the bytes we could read */
	IOV_WALK_LOOP,		/* a pointer led back to a visited capability */
	IOV_WALK_BAD_PTR,	/* pointer into the header, misaligned or out of range */
	IOV_WALK_TRUNCATED,	/* a capability runs past the bytes read */
	IOV_WALK_TOO_MANY,	/* more entries than any real device has */
};

struct iov_caps {
	struct iov_cap cap[IOV_MAX_CAPS];
	unsigned n;
	enum iov_walk_status std_status, ext_status;
	uint16_t std_bad_off, ext_bad_off;	/* where the walk broke */
};

/* Walk both lists; never reads past cfg->len. Always returns 0. */
int iov_caps_walk(const struct iov_config *cfg, struct iov_caps *out);
const struct iov_cap *iov_caps_find(const struct iov_caps *caps, int space, uint16_t id);
/* Short name of a capability ("sriov", "acs"), or NULL if unknown. */
const char *iov_cap_name(int space, uint16_t id);
/* Long name ("Single Root I/O Virtualization"), or NULL. */
const char *iov_cap_desc(int space, uint16_t id);
const char *iov_walk_status_str(enum iov_walk_status st);

/* Standard capability IDs */
enum {
	IOV_CAP_ID_PM = 0x01,
	IOV_CAP_ID_MSI = 0x05,
	IOV_CAP_ID_VNDR = 0x09,
	IOV_CAP_ID_EXP = 0x10,
	IOV_CAP_ID_MSIX = 0x11,
};
/* Extended capability IDs */
enum {
	IOV_ECAP_ID_AER = 0x01,
	IOV_ECAP_ID_DSN = 0x03,
	IOV_ECAP_ID_ACS = 0x0d,
	IOV_ECAP_ID_ARI = 0x0e,
	IOV_ECAP_ID_ATS = 0x0f,
	IOV_ECAP_ID_SRIOV = 0x10,
	IOV_ECAP_ID_PRI = 0x13,
	IOV_ECAP_ID_PASID = 0x1b,
	IOV_ECAP_ID_MRIOV = 0x11,
	IOV_ECAP_ID_DVSEC = 0x23,
	IOV_ECAP_ID_HIER_ID = 0x28,
	IOV_ECAP_ID_SIOV = 0x38,	/* PCI-SIG Scalable IOV; layout not decoded */
};

/* PCI Express capability */
enum iov_port_type {
	IOV_PORT_ENDPOINT = 0x0,
	IOV_PORT_LEGACY_ENDPOINT = 0x1,
	IOV_PORT_ROOT_PORT = 0x4,
	IOV_PORT_UPSTREAM = 0x5,
	IOV_PORT_DOWNSTREAM = 0x6,
	IOV_PORT_PCIE_PCI_BRIDGE = 0x7,
	IOV_PORT_PCI_PCIE_BRIDGE = 0x8,
	IOV_PORT_RC_INTEGRATED = 0x9,
	IOV_PORT_RC_EC = 0xa,
};

struct iov_pcie {
	bool present;
	uint8_t version;
	uint8_t port_type;		/* enum iov_port_type */
	bool slot;			/* slot implemented */
	uint32_t devcap, devcap2, lnkcap, lnkcap2;
	uint16_t devctl, devsta, devctl2, lnkctl, lnksta;
	bool has_cap2;			/* v2 registers present */
	bool has_link;			/* port type carries link registers */
	unsigned max_payload_cap;	/* bytes */
	unsigned max_payload;		/* bytes, DevCtl */
	unsigned max_read_req;		/* bytes */
	bool flr;			/* Function Level Reset capable */
	bool ari_fwd_cap;		/* DevCap2: ARI forwarding supported */
	bool ari_fwd_enabled;		/* DevCtl2: ARI forwarding enabled */
	uint8_t link_cap_speed;		/* LnkCap encoding: 1=2.5 .. 6=64 GT/s */
	uint8_t link_cap_width;
	uint8_t link_speed;		/* LnkSta */
	uint8_t link_width;
	uint8_t link_speeds_supported;	/* LnkCap2 vector, bit 0 = 2.5 GT/s */
	uint16_t aspm_cap;		/* 0..3 */
	uint16_t aspm_ctl;		/* 0..3 */
	bool dll_link_active;
};

/* "2.5", "5", "8", ...; GT/s for a LnkCap/LnkSta speed encoding, 0 if unknown. */
double iov_link_speed_gts(unsigned enc);

struct iov_pm {
	bool present;
	uint8_t version;
	uint8_t state;		/* 0..3 = D0..D3hot */
	bool no_soft_reset;
	bool pme_enabled;
};

struct iov_msi {
	bool present;
	bool enabled;
	bool addr64;
	bool maskable;
	unsigned vectors_cap;	/* Multiple Message Capable */
	unsigned vectors_en;	/* Multiple Message Enable */
};

struct iov_msix {
	bool present;
	bool enabled;
	bool masked;
	unsigned table_size;	/* entries */
	uint8_t table_bir, pba_bir;
	uint32_t table_offset, pba_offset;
};

#define IOV_SRIOV_NBARS 6

struct iov_vf_bar {
	bool present;		/* implemented (non-zero, or upper half of a 64-bit pair) */
	bool mem64;		/* this and the next register form one 64-bit BAR */
	bool prefetch;
	bool upper;		/* the upper half of the previous 64-bit BAR */
	uint64_t address;	/* from config space */
	uint64_t size;		/* per VF, from the resource file; 0 unknown/unassigned */
	uint64_t total;		/* whole VF BAR window from resource; 0 unassigned */
};

struct iov_sriov {
	bool present;
	uint16_t offset;		/* in config space */
	uint32_t cap;
	uint16_t ctrl, status;
	bool vf_migration_cap;
	bool ari_hier_preserved;
	bool vf_10bit_tag_cap;
	uint16_t migration_irq;		/* VF Migration Interrupt Message Number */
	bool vf_enable, vf_migration_enable, vf_migration_irq_enable, vf_mse, ari_hierarchy, vf_10bit_tag;
	bool vf_migration_status;
	uint16_t initial_vfs, total_vfs, num_vfs;
	uint8_t func_dep_link;
	uint16_t first_vf_offset, vf_stride, vf_device_id;
	uint32_t supported_page_sizes;	/* bit n = 4KiB << n */
	uint32_t system_page_size;
	uint32_t migration_state;	/* raw VF Migration State Array Offset */
	struct iov_vf_bar vf_bar[IOV_SRIOV_NBARS];
};

struct iov_ari {
	bool present;
	bool mfvc_fg, acs_fg;		/* function group capabilities */
	uint8_t next_fn;
	bool mfvc_fg_enabled, acs_fg_enabled;
	uint8_t fn_group;
};

/* ACS capability and control bits (same positions) */
enum {
	IOV_ACS_SV = 1 << 0,	/* Source Validation */
	IOV_ACS_TB = 1 << 1,	/* Translation Blocking */
	IOV_ACS_RR = 1 << 2,	/* P2P Request Redirect */
	IOV_ACS_CR = 1 << 3,	/* P2P Completion Redirect */
	IOV_ACS_UF = 1 << 4,	/* Upstream Forwarding */
	IOV_ACS_EC = 1 << 5,	/* P2P Egress Control */
	IOV_ACS_DT = 1 << 6,	/* Direct Translated P2P */
	/* what Linux requires for isolation (drivers/pci/pci.c REQ_ACS_FLAGS) */
	IOV_ACS_REQUIRED = IOV_ACS_SV | IOV_ACS_RR | IOV_ACS_CR | IOV_ACS_UF,
};
/* "SV", "TB", ... for one ACS bit */
const char *iov_acs_bit_name(unsigned bit);

struct iov_acs {
	bool present;
	uint16_t cap;
	uint16_t ctrl;
	uint8_t egress_vector_size;
};

/*
 * Required ACS controls that are implemented but off, as
 * pci_acs_flags_enabled() judges them (a control the function does not
 * implement is hard-wired on); all of IOV_ACS_REQUIRED without ACS.
 */
uint16_t iov_acs_missing(const struct iov_acs *acs);

struct iov_ats {
	bool present;
	uint8_t invq_depth;	/* 0 means 32 */
	bool page_aligned;
	bool enabled;
	uint8_t stu;		/* Smallest Translation Unit */
};

struct iov_pri {
	bool present;
	bool enabled;
	bool stopped;
	uint32_t max_requests;	/* Outstanding Page Request Capacity */
	uint32_t alloc_requests;
};

struct iov_pasid {
	bool present;
	bool exec_cap, priv_cap;
	uint8_t width;		/* Max PASID Width */
	bool enabled, exec_enabled, priv_enabled;
};

struct iov_aer {
	bool present;
	uint32_t uncor_status, uncor_mask, uncor_severity;
	uint32_t cor_status, cor_mask;
	uint32_t cap_ctrl;
};

struct iov_dsn {
	bool present;
	uint64_t serial;
};

/* Designated Vendor-Specific Extended Capability header (caps-iov.c) */
enum {
	IOV_DVSEC_VENDOR_INTEL = 0x8086,
	IOV_DVSEC_VENDOR_CXL = 0x1e98,
	IOV_DVSEC_ID_INTEL_SIOV = 0x5,	/* CXL's ID 5 is GPF, not Scalable IOV */
	IOV_SIOV_DVSEC_LEN = 0x18,
};

struct iov_dvsec {
	uint16_t offset;	/* in config space */
	uint16_t vendor;	/* DVSEC Vendor ID, not the function's */
	uint8_t revision;
	uint16_t length;	/* bytes, headers included */
	uint16_t id;		/* DVSEC ID, meaningful per vendor */
};

/* Intel Scalable IOV DVSEC (vendor 0x8086, ID 5) */
struct iov_siov {
	bool present;
	uint16_t offset;
	uint8_t revision;
	uint8_t func_dep_link;
	uint8_t flags;
	bool homogeneous;		/* flags bit 0 */
	uint32_t supported_page_sizes;	/* bit n = 4 KiB << n */
	uint32_t system_page_size;	/* same encoding, one bit set */
	uint32_t caps;
	bool ims_supported;		/* caps bit 0: Interrupt Message Store */
};

#define IOV_MAX_DVSEC 8
#define IOV_CAP_RAW_MAX 64	/* bytes shown of an undecoded capability */

int decode_dvsec(const struct iov_config *cfg, unsigned off, struct iov_dvsec *out);
/* -EINVAL when the DVSEC at off is not Intel's Scalable IOV one */
int decode_siov(const struct iov_config *cfg, unsigned off, struct iov_siov *out);
bool iov_dvsec_is_siov(const struct iov_dvsec *d);
/* Short key ("cxl_device", "intel_siov") and lspci-style name, or NULL. */
const char *iov_dvsec_name(uint16_t vendor, uint16_t id);
const char *iov_dvsec_desc(uint16_t vendor, uint16_t id);
/* system is exactly one bit and that bit is among supported */
bool iov_page_size_valid(uint32_t supported, uint32_t system);
/* Bytes of cap worth showing raw: up to the next capability, what was read, IOV_CAP_RAW_MAX. */
unsigned iov_cap_raw_len(const struct iov_config *cfg, const struct iov_caps *caps,
			 const struct iov_cap *cap);

int decode_pcie(const struct iov_config *cfg, unsigned off, struct iov_pcie *out);
int decode_pm(const struct iov_config *cfg, unsigned off, struct iov_pm *out);
int decode_msi(const struct iov_config *cfg, unsigned off, struct iov_msi *out);
int decode_msix(const struct iov_config *cfg, unsigned off, struct iov_msix *out);
int decode_sriov(const struct iov_config *cfg, unsigned off, struct iov_sriov *out);
int decode_ari(const struct iov_config *cfg, unsigned off, struct iov_ari *out);
int decode_acs(const struct iov_config *cfg, unsigned off, struct iov_acs *out);
int decode_ats(const struct iov_config *cfg, unsigned off, struct iov_ats *out);
int decode_pri(const struct iov_config *cfg, unsigned off, struct iov_pri *out);
int decode_pasid(const struct iov_config *cfg, unsigned off, struct iov_pasid *out);
int decode_aer(const struct iov_config *cfg, unsigned off, struct iov_aer *out);
int decode_dsn(const struct iov_config *cfg, unsigned off, struct iov_dsn *out);

/* All decoded capabilities of one function. */
struct iov_capset {
	struct iov_pcie pcie;
	struct iov_pm pm;
	struct iov_msi msi;
	struct iov_msix msix;
	struct iov_sriov sriov;
	struct iov_ari ari;
	struct iov_acs acs;
	struct iov_ats ats;
	struct iov_pri pri;
	struct iov_pasid pasid;
	struct iov_aer aer;
	struct iov_dsn dsn;
	struct iov_dvsec dvsec[IOV_MAX_DVSEC];
	unsigned ndvsec;
	struct iov_siov siov;	/* the first Intel Scalable IOV DVSEC */
	int errors;		/* decoders that found their capability truncated */
};

/* Run the decoder table over the walked capabilities. */
void iov_caps_decode(const struct iov_config *cfg, const struct iov_caps *caps,
		     struct iov_capset *out);

/* ---- PCI functions (pci.c, dev.c) ---------------------------------------- */

struct iov_bar {
	uint64_t start, end, flags;	/* from the resource file */
};
#define IOV_RES_BARS 6
#define IOV_RES_ROM 6
#define IOV_RES_SRIOV 7			/* resource lines 7..12 are VF BARs */
#define IOV_RES_LINES 13
/* IORESOURCE_* flags the kernel prints in 'resource' */
enum {
	IOV_IORES_IO = 0x100,
	IOV_IORES_MEM = 0x200,
	IOV_IORES_PREFETCH = 0x2000,
	IOV_IORES_MEM64 = 0x100000,
	IOV_IORES_UNSET = 0x20000000,
};

/* Link state as the kernel reports it (current_link_* / max_link_*). */
struct iov_link {
	double speed_gts;	/* 0: unknown */
	int width;		/* 0: unknown */
	double max_speed_gts;
	int max_width;
};

/*
 * The one "downtrained" predicate. A link trains to the best speed and
 * width both ends support: *cap_speed_gts and *cap_width get that (this
 * end's maximum when partner is NULL or does not tell), and the result is
 * whether the trained link l runs below it.
 */
bool iov_link_downtrained(const struct iov_link *l, const struct iov_link *partner,
			  double *cap_speed_gts, int *cap_width);

enum iov_aer_kind { IOV_AER_COR = 0, IOV_AER_NONFATAL, IOV_AER_FATAL };

/* One per-type counter of aer_dev_*: "RxErr 12" */
struct iov_aer_counter {
	uint8_t kind;		/* enum iov_aer_kind */
	char name[23];		/* as the kernel spells it */
	uint64_t value;
};

struct iov_aer_counts {
	bool present;		/* aer_dev_* files exist */
	uint64_t correctable, nonfatal, fatal;	/* TOTAL_ERR_* lines */
	struct iov_aer_counter *moved;	/* the per-type counters that are not 0 */
	unsigned nmoved;
	bool rootport;		/* aer_rootport_total_err_* exist (root ports) */
	uint64_t rp_cor, rp_nonfatal, rp_fatal;	/* errors reported to this root port */
};

/*
 * Parse one aer_dev_* file ("NAME value" per line, TOTAL_ERR_* last):
 * append its non-zero counters of kind to c->moved and set *total (the
 * TOTAL_ERR_ line, or the sum when it is missing). 0, -EINVAL or -ENOMEM.
 */
int iov_aer_parse(const char *text, enum iov_aer_kind kind, struct iov_aer_counts *c,
		  uint64_t *total);
/*
 * "16 correctable (RxErr 12, BadTLP 3), 2 non-fatal (CmpltTO 2), 0 fatal":
 * the totals, each with the types that moved. Truncates to fit len.
 */
void iov_aer_format(const struct iov_aer_counts *c, char *buf, size_t len);

/* The kernel's sriov_* attributes; -1 where a file is absent. */
struct iov_sriov_sysfs {
	long long totalvfs, numvfs, offset, stride, vf_device;
	long long drivers_autoprobe, vf_total_msix;
};

/*
 * The SR-IOV state as the scan resolves it, once: from the capability where
 * config space was read, else from the sriov_* attributes. -1: neither tells.
 */
struct iov_sriov_state {
	bool pf;		/* SR-IOV capability or sriov_totalvfs */
	bool from_config;	/* the numbers are the capability's */
	long long total_vfs, num_vfs;
	long long offset, stride;	/* First VF Offset, VF Stride */
};

#define IOV_VPD_SN_LEN 64

enum {
	IOV_DIR_KNOWN = 1 << 0,
	IOV_DIR_HOST = 1 << 1,		/* hostN (SCSI, FC, iSCSI) */
	IOV_DIR_INFINIBAND = 1 << 2,
	IOV_DIR_NET = 1 << 3,
	IOV_DIR_MODALIAS = 1 << 4,
};

struct iov_dev {
	struct iov_bdf bdf;
	char addr[IOV_BDF_STRLEN];
	char *syspath;		/* "devices/pci0000:00/0000:00:02.0/0000:01:00.0" */
	char root_bus[16];	/* "pci0000:00": the host bridge it hangs off */
	uint16_t vendor, device;	/* from sysfs (real IDs even for VFs) */
	uint16_t subsys_vendor, subsys_device;
	uint32_t class_code;	/* 24-bit class/subclass/prog-if */
	uint8_t revision;
	uint8_t header_type;	/* 0 endpoint, 1 bridge, 2 cardbus; 0xff unknown */
	bool multifunction;
	char *vendor_name, *device_name, *class_name; /* from pci.ids; NULL if unknown */

	char *driver;		/* NULL: unbound */
	int iommu_group;	/* -1: none */
	int numa_node;		/* -1: unknown */
	char *local_cpulist;
	char power_state[12];	/* "D0", "D3hot", ""=unknown */
	char *reset_methods;
	int irq;
	unsigned msi_irqs, msix_irqs;	/* vectors in use (msi_irqs/) */
	struct iov_link link;
	struct iov_aer_counts aer_counts;
	struct iov_bar res[IOV_RES_LINES];
	unsigned nres;
	bool has_resource;

	struct iov_config cfg;
	bool cfg_ok;		/* config file could be read at all */
	int cfg_errno;		/* -errno when 'config' exists but could not be read */
	struct iov_caps caps;
	struct iov_capset c;

	struct iov_sriov_sysfs sriov_sysfs;
	struct iov_sriov_state sriov;	/* resolved: read this, not c.sriov or sriov_sysfs */
	long long vf_msix_count;	/* VF: sriov_vf_msix_count, -1 absent */
	int vf_index;		/* VF: N in the PF's virtfnN; -1 otherwise */

	char **netdevs, **blockdevs;	/* class devices below the function */
	unsigned nnetdevs, nblockdevs;
	/*
	 * IOV_DIR_* children iov_dev_read saw in the function's directory, so
	 * that readers of optional ones look only where there is something;
	 * without IOV_DIR_KNOWN (a function not read from sysfs) they look.
	 */
	unsigned dir_has;

	/* set by iov_adapters_prepare(): for grouping the functions of one card */
	char slot[32];			/* bus/pci/slots/<name> it sits in, "" none */
	char vpd_sn[IOV_VPD_SN_LEN];	/* VPD "SN", read only when DSN is absent */

	/* links as read, resolved by the scan */
	char parent_addr[IOV_BDF_STRLEN];	/* "" under a host bridge */
	char physfn_addr[IOV_BDF_STRLEN];	/* VF: its physfn link */
	struct iov_virtfn_link {
		unsigned index;			/* N of virtfnN */
		char addr[IOV_BDF_STRLEN];
	} *virtfn;
	unsigned nvirtfn;

	/* relations, set by the scan */
	struct iov_dev *parent;	/* upstream bridge; NULL under a host bridge */
	struct iov_dev *pf;	/* for a VF */
	struct iov_dev **vfs;	/* for a PF: indexed by virtfn number */
	unsigned nvfs;
	bool is_vf;
	bool is_bridge;		/* header type 1 */

	/* iov_irq_locality's answer, read once per scan (findings and inspect -j both ask) */
	struct iov_irq_locality *irq_locality;
	int irq_locality_rc;
};

/* true when d may have the child: seen, or not looked for */
static inline bool iov_dev_may_have(const struct iov_dev *d, unsigned what)
{
	return !(d->dir_has & IOV_DIR_KNOWN) || (d->dir_has & what);
}

struct iov_group {
	int id;
	struct iov_dev **members;
	unsigned n;
};

struct iov_devlist {
	struct iov_dev **dev;	/* sorted by address */
	size_t n;
	struct iov_group *groups;	/* sorted by id */
	size_t ngroups;
	bool iommu_groups_present;	/* kernel/iommu_groups has entries (or, when it
					 * cannot be read, the functions link groups) */
	int iommu_groups_errno;		/* -errno reading kernel/iommu_groups, 0 if read or absent */
	int numa_nodes;			/* online nodes; 0 if unknown */
	char *nodes_online;		/* "0-1" */
	unsigned limited_config;	/* functions with < 256 bytes of config, read without error */
	unsigned unreadable_config;	/* functions whose config could not be read at all */
	int unreadable_config_errno;	/* the first of them: its -errno and address */
	char unreadable_config_addr[IOV_BDF_STRLEN];
	unsigned vanished;		/* functions that disappeared mid-scan */
};

enum {
	IOV_SCAN_NAMES = 1 << 0,	/* look up pci.ids names */
	IOV_SCAN_BRIEF = 1 << 1,	/* structure and placement only (below) */
};

/*
 * Enumerate every PCI function under the root (through libpci, whose
 * sysfs.path is set to <root>/bus/pci), read config space, walk and decode
 * capabilities, read the kernel's attributes and link VFs to PFs.
 * IOV_SCAN_BRIEF reads what a tree needs (identity, config space, driver,
 * IOMMU group, NUMA node, link state, SR-IOV attributes and links) and
 * leaves out resources, AER counters, MSI vectors, power state, reset
 * methods, IRQ, local CPUs and class devices (empty, 0 or -1).
 */
int iov_scan(struct iov_ctx *ctx, unsigned flags, struct iov_devlist **out);
void iov_devlist_free(struct iov_devlist *list);
struct iov_dev *iov_devlist_find(const struct iov_devlist *list, const struct iov_bdf *bdf);
const struct iov_group *iov_devlist_group(const struct iov_devlist *list, int id);
/*
 * Resolve "eth0" / "nvme0n1" / "/dev/nvme0n1" to the functions behind it: one
 * for most names, several for an NVMe multipath namespace shared by
 * controllers (a PF and its VFs). Fills up to max; returns the count or -ENODEV.
 */
int iov_devlist_resolve_name(struct iov_ctx *ctx, const struct iov_devlist *list, const char *name,
			     struct iov_dev **out, size_t max);
/* The first function behind a name, as above. 0 or -errno. */
int iov_devlist_find_name(struct iov_ctx *ctx, const struct iov_devlist *list, const char *name,
			  struct iov_dev **out);

bool iov_dev_is_pf(const struct iov_dev *d);
/* Fill d->sriov from d->c.sriov and d->sriov_sysfs (the scan does, per function). */
void iov_sriov_resolve(struct iov_dev *d);
/* Routing ID of VF i (0-based) from First VF Offset / VF Stride. */
int iov_sriov_vf_rid(const struct iov_dev *pf, unsigned i, struct iov_bdf *out);

/* ---- IOMMU isolation (iommu.c) ------------------------------------------- */

enum iov_iso_reason_kind {
	IOV_ISO_NO_ACS,		/* a bridge on the path has no ACS capability */
	IOV_ISO_ACS_BITS,	/* ACS present but required controls off */
	IOV_ISO_MULTIFUNCTION,	/* peer functions of a device without ACS */
	IOV_ISO_PCI_BRIDGE,	/* conventional PCI below a PCIe-to-PCI bridge */
};

struct iov_iso_reason {
	enum iov_iso_reason_kind kind;
	struct iov_dev *where;	/* the bridge or device responsible */
	uint16_t acs_missing;	/* required ACS controls implemented but off */
	uint16_t acs_absent;	/* required controls not implemented (hard-wired on) */
};

#define IOV_ISO_MAX_REASONS 8

/* The one wording of a reason: "no ACS capability on 0000:00:1c.0" */
void iov_iso_reason_format(const struct iov_iso_reason *r, char *buf, size_t len);

struct iov_isolation {
	bool known;		/* IOMMU groups exist and the function has one */
	bool isolated;		/* alone in its group */
	struct iov_dev **shared;	/* other members of the group */
	unsigned nshared;
	struct iov_iso_reason reason[IOV_ISO_MAX_REASONS];
	unsigned nreasons;
};

/* ACS as Linux judges it for IOMMU grouping (drivers/pci/pci.c pci_acs_enabled) */
enum iov_acs_state {
	IOV_ACS_NA = 0,		/* ACS does not decide grouping at this function */
	IOV_ACS_UNKNOWN,	/* extended config space not readable (not root?) */
	IOV_ACS_NONE,		/* no ACS capability: all required controls missing */
	IOV_ACS_GAP,		/* capability present, required controls off */
	IOV_ACS_OK,
};
/*
 * The one ACS verdict for a function, shown by topology and inspect alike:
 * NA where ACS does not decide grouping, NONE for a port or multi-function
 * device without ACS (conventional PCI included), GAP when required controls
 * are off. *missing gets the required controls implemented but off (all of
 * them without ACS), *not_capable those not implemented.
 */
/* The one "lacks ACS" predicate: no capability, or required controls off. */
bool iov_acs_lacking(enum iov_acs_state s);
enum iov_acs_state iov_acs_verdict(const struct iov_dev *d, uint16_t *missing,
				   uint16_t *not_capable);

int iov_isolation(const struct iov_devlist *list, struct iov_dev *d, struct iov_isolation *out);
void iov_isolation_free(struct iov_isolation *iso);

/* ---- Scalable IOV readiness (siov.c) ------------------------------------- */

struct iov_siov_host {
	unsigned vtd_units;	/* class/iommu entries with intel-iommu/ecap */
	unsigned vtd_scalable;	/* of those, ecap PASID (40) and SMTS (43) set */
	bool iommufd;		/* class/misc/iommu: /dev/iommu exists */
};

/* 0 or -errno; a host without VT-d reads as zero units (not an error). */
int iov_siov_host_read(struct iov_ctx *ctx, struct iov_siov_host *out);

struct iov_wq {			/* an idxd work queue (dsaN/wqN.M) */
	char device[16];	/* "dsa0" */
	char id[24];		/* "wq0.0" */
	char *mode, *state, *type, *name;	/* NULL where unreadable */
};

struct iov_mdev_type {		/* mdev_supported_types/<id> */
	char id[64];
	char *name, *device_api;
	long long available;	/* available_instances; -1 unknown */
};

/* What a driver exposes below one function, sorted by name. */
struct iov_subdevs {
	struct iov_wq *wq;
	unsigned nwq;
	struct iov_mdev_type *mdev;
	unsigned nmdev;
	char vfio_cdev[16];	/* "vfio0" under vfio-dev/, "" none */
};

int iov_subdevs_read(struct iov_ctx *ctx, const struct iov_dev *d, struct iov_subdevs *out);
void iov_subdevs_free(struct iov_subdevs *s);

/* ---- sharing with other hosts (sharing.c) -------------------------------- */

#define IOV_VENDOR_SWITCHTEC 0x11f8	/* Microchip (Microsemi/PMC) Switchtec */

struct iov_sharing {
	bool ntb;			/* class 0x0680: a non-transparent bridge */
	char ntb_dev[64];		/* its bus/ntb/devices entry, "" none */
	char switchtec[32];		/* class/switchtec entry of this function, "" none */
	long long partition;		/* this host's partition; -1 unknown */
	long long partition_count;	/* partitions of the switch; -1 unknown */
	bool hier_id;			/* Hierarchy ID ext cap: built to sit in several hosts' hierarchies */
};

bool iov_dev_is_ntb(const struct iov_dev *d);
/* 0 or -errno (the function vanished) */
int iov_sharing_read(struct iov_ctx *ctx, const struct iov_dev *d, struct iov_sharing *out);
/* an NTB, or a switch with more than one partition */
bool iov_sharing_shared(const struct iov_sharing *s);

/* ---- VM live migration of VFs (migration.c) ------------------------------ */

struct iov_vf_migration {
	bool bound_variant;	/* bound to a vfio-pci variant with VFIO migration */
	bool looked_up;		/* modules.alias could be read */
	char variant[128];	/* best "vfio_pci:" alias match among the migration variants, "" none */
	bool installed;		/* that module is in modules.dep or modules.builtin */
};

/* mlx5_vfio_pci, hisi_acc_vfio_pci, pds_vfio_pci, virtio_vfio_pci, qat_vfio_pci, xe_vfio_pci */
bool iov_vfio_is_variant(const char *driver);
/* The modules directory of the kernel the root describes; -ENOENT if none. */
int iov_modules_dir(struct iov_ctx *ctx, char *buf, size_t len);
/* 0 or -errno (no modalias); never opens a VFIO device. */
int iov_vf_migration(struct iov_ctx *ctx, const struct iov_dev *vf, struct iov_vf_migration *out);

/* ---- converged adapters (adapter.c) --------------------------------------- */

#define IOV_ADAPTER_MAX_FNS 32

/*
 * The functions of one card: same domain:bus:device or same physical slot
 * (bus/pci/slots/<name>/address), not VFs or bridges. Serials confirm it:
 * Device Serial Numbers, or VPD "SN" where some function has no DSN.
 */
struct iov_adapter {
	struct iov_dev *fn[IOV_ADAPTER_MAX_FNS];	/* in address order */
	unsigned n;		/* 0: the function is alone on its device */
	bool serial_known;	/* every function has a DSN, or every one a VPD serial */
	bool serial_equal;	/* the serials present are all the same */
	bool by_vpd;		/* serial_known through VPD serials, not DSNs */
	const char *slot;	/* the physical slot of the card, NULL unknown */
	const struct iov_dev *differ[2];	/* !serial_equal: two that differ */
	bool differ_vpd;	/* ... in their VPD serials (else DSNs) */
};

/*
 * After a scan: each function's slot, and the VPD serial of functions that
 * share a card but have no DSN. 0 or -ENOMEM; unreadable slots and VPD are
 * left out.
 */
int iov_adapters_prepare(struct iov_ctx *ctx, struct iov_devlist *list);
/* a slot's address: "dddd:bb:dd" one device, "dddd:bb" all of bus bb; 0 or -EINVAL (bdf.c) */
int iov_slot_address_parse(const char *s, struct iov_bdf *bdf, bool *whole_bus);

int iov_adapter_of(const struct iov_devlist *list, const struct iov_dev *d,
		   struct iov_adapter *out);

/* ---- Vital Product Data (vpd.c) ------------------------------------------ */

#define IOV_VPD_MAX 32768	/* VPD addresses are 15 bits */

/*
 * The "SN" keyword of the read-only resource (large tag 0x90) of a VPD
 * resource list: 0 and sn set (printable, trailing blanks dropped), -ENOENT
 * when there is none (or it is blank), -EINVAL when a length overruns the bytes.
 */
int iov_vpd_serial(const uint8_t *buf, size_t len, char *sn, size_t snlen);
/* the same from the function's 'vpd' attribute; -errno when it cannot be read */
int iov_vpd_read_serial(struct iov_ctx *ctx, const struct iov_dev *d, char *sn, size_t snlen);

/*
 * Functions of this host on another card position (domain:bus:device) with
 * d's Device Serial Number: one card attached through several slots (Socket
 * Direct, a multi-host card's PFs wired to one host). Fills up to max, returns
 * how many there are. VFs and bridges (a switch's ports share one DSN) never count.
 */
unsigned iov_same_serial_elsewhere(const struct iov_devlist *list, const struct iov_dev *d,
				   const struct iov_dev **out, unsigned max);

enum iov_child_kind {
	IOV_CHILD_SCSI_HOST, IOV_CHILD_FC_HOST, IOV_CHILD_IB_PORT,
	IOV_CHILD_ISCSI_HOST,	/* hostN/iscsi_host/hostN: an offloading iSCSI HBA */
	IOV_CHILD_FCOE_CTLR,	/* bus/fcoe ctlr_N on one of the function's netdevs */
};

/* A storage or RDMA child the kernel hangs below a function. */
struct iov_child {
	enum iov_child_kind kind;
	char name[32];		/* "host5", "mlx5_0/1" */
	char state[32];		/* fc_host port_state ("Online"); IB port state ("ACTIVE") */
	char port_name[24], node_name[24], speed[32];	/* fc_host */
	char link_layer[16];	/* IB port: "InfiniBand" or "Ethernet" (RoCE) */
	char ip[48];		/* iscsi_host: ipaddress */
	char netdev[32];	/* FCoE controller: the netdev it runs on */
	unsigned nfcf;		/* FCoE controller: FCFs discovered; state and
				 * port_name are the first Connected one's (else the first's) */
};

struct iov_children {
	struct iov_child *c;
	unsigned n;
};

int iov_children_read(struct iov_ctx *ctx, const struct iov_dev *d, struct iov_children *out);
void iov_children_free(struct iov_children *c);

/* ---- a function's network, NVMe and block devices (fndevs.c) ---------- */

/* A disk of a function. */
struct iov_fn_disk {
	char name[64];		/* the disk with a device node: "nvme1n1", "sda", "vda";
				 * for a multipath path, its head "nvme0n1" */
	char ctrl[32];		/* the NVMe controller it is reached through, "" */
	char path[64];		/* native multipath: this function's path "nvme0c2n1"
				 * (no device node of its own); "" otherwise */
	int npaths;		/* paths of that head, this one included; -1 not counted */
};

struct iov_fn_devs {
	char **net;		/* "eth0", also those of virtio children */
	unsigned nnet;
	char **nvme;		/* NVMe controllers: "nvme2" */
	unsigned nnvme;
	struct iov_fn_disk *disk;	/* sorted by name */
	unsigned ndisk;
};

enum {
	IOV_FNDEVS_DEEP = 1 << 0,	/* also disks behind storage hosts (SCSI, ATA) */
	IOV_FNDEVS_PATHS = 1 << 1,	/* count the paths of multipath heads */
};

/*
 * The network interfaces, NVMe controllers and disks below the PCI function
 * addr. 0, -EINVAL (not an address), -ENOENT (no such function), -ENOMEM.
 */
int iov_fn_devs_read(struct iov_ctx *ctx, const char *addr, unsigned flags,
		     struct iov_fn_devs *out);
void iov_fn_devs_free(struct iov_fn_devs *d);
/* "nvme0n1" (a namespace or head) and "nvme0c2n1" (a multipath path); outputs may be NULL. */
bool iov_nvme_ns_name(const char *s, unsigned *subsys, unsigned *nsid);
bool iov_nvme_path_name(const char *s, unsigned *subsys, unsigned *ctrl, unsigned *nsid);

/* ---- findings (findings.c) ----------------------------------------------- */

enum iov_severity { IOV_SEV_INFO = 0, IOV_SEV_WARNING = 1, IOV_SEV_ERROR = 2 };
const char *iov_severity_str(enum iov_severity s);
/* "info", "warning", "error" back to the enum; -EINVAL for anything else */
int iov_severity_parse(const char *s, enum iov_severity *out);

/* Every rule, in iov_rules[] order; raise sites name one of these, never a string. */
enum iov_finding_id {
	IOV_F_IOMMU_OFF,
	IOV_F_GROUP_NOT_ISOLATED,
	IOV_F_SRIOV_NO_VFS,
	IOV_F_VF_BAR_UNASSIGNED,
	IOV_F_VFS_WITHOUT_ARI,
	IOV_F_TOTAL_VFS_WITHOUT_ARI,
	IOV_F_VF_RID_MISMATCH,
	IOV_F_VF_UNBOUND,
	IOV_F_AUTOPROBE_OFF,
	IOV_F_VF_MSIX_ZERO,
	IOV_F_LINK_DOWNTRAINED,
	IOV_F_LINK_SLOT_LIMITED,
	IOV_F_NUMA_UNKNOWN,
	IOV_F_AER_ERRORS,
	IOV_F_AER_UNCORRECTABLE,
	IOV_F_POWER_D3,
	IOV_F_POWER_D3_UNBOUND,
	IOV_F_GROUP_NOT_VIABLE,
	IOV_F_PF_NO_DRIVER,
	IOV_F_VF_BUS_RANGE,
	IOV_F_IRQ_REMOTE,
	IOV_F_VF_NVME_OFFLINE,
	IOV_F_VF_LINK_DISABLED,
	IOV_F_CAPS_MALFORMED,
	IOV_F_CONFIG_LIMITED,
	IOV_F_SIOV_NO_PASID,
	IOV_F_SIOV_PASID_OFF,
	IOV_F_SIOV_PAGE_SIZE,
	IOV_F_SIOV_NO_SCALABLE_MODE,
	IOV_F_SIOV_NO_IOMMUFD,
	IOV_F_MRIOV_PRESENT,
	IOV_F_NTB_NO_DRIVER,
	IOV_F_NTB_GROUP_SHARED,
	IOV_F_VF_VARIANT_AVAILABLE,
	IOV_F_ADAPTER_SERIAL_MISMATCH,
	IOV_F_STORAGE_NO_DRIVER,
	IOV_F_FC_HOST_OFFLINE,
	IOV_F_RDMA_PORT_DOWN,
	IOV_F_FCOE_NO_FCF,
	IOV_F_FCOE_FABRIC_DISCONNECTED,
	IOV_F_SWITCH_PARTITIONED,
	IOV_F_COUNT
};

/* What a finding is about. */
enum iov_subject_kind {
	IOV_SUBJECT_HOST,
	IOV_SUBJECT_BUS,	/* a root complex: "pci0000:00" */
	IOV_SUBJECT_GROUP,	/* an IOMMU group */
	IOV_SUBJECT_FUNCTION,	/* one PCI function */
};

struct iov_subject {
	enum iov_subject_kind kind;
	struct iov_dev *dev;	/* FUNCTION: the function; GROUP: the member named first */
	int group;		/* GROUP: the IOMMU group number; else -1 */
	char bus[16];		/* BUS: the root bus, "pci0000:00" */
	struct iov_dev **devs;	/* GROUP, BUS, HOST: the functions concerned */
	unsigned ndevs;		/* HOST with 0: every function of the host */
};
/* "host", "bus", "iommu_group", "function" */
const char *iov_subject_kind_str(enum iov_subject_kind k);

struct iov_finding {
	const char *id;			/* stable rule id: "vf-unbound" */
	enum iov_finding_id rule;	/* index into iov_rules[] */
	enum iov_severity severity;	/* always iov_rules[rule].severity */
	struct iov_dev *dev;		/* subject.dev: NULL for host and bus findings */
	struct iov_subject subject;
	char *message;			/* one line, no trailing period */
	char *hint;			/* how to fix: the rule's hint or a concrete one */
};

struct iov_findings {
	struct iov_finding *f;
	size_t n;
};

struct iov_rule {
	const char *id;
	enum iov_severity severity;
	const char *check;	/* what the rule looks for, one line */
	const char *hint;	/* how to fix it, in general */
};
/* The registry, indexed by enum iov_finding_id, NULL-terminated at IOV_F_COUNT. */
extern const struct iov_rule iov_rules[IOV_F_COUNT + 1];
/* The rule with this id, or NULL. */
const struct iov_rule *iov_rule_find(const char *id);

/* Whether a finding concerns this function (its subject, group, bus or the whole host). */
bool iov_finding_concerns(const struct iov_finding *f, const struct iov_dev *d);
/*
 * The worst severity of the findings about this function, its group or its
 * bus (not those about the whole host, which would mark every function);
 * -1 when there is none.
 */
int iov_findings_worst(const struct iov_findings *fs, const struct iov_dev *d);

int iov_findings_run(struct iov_ctx *ctx, const struct iov_devlist *list,
		     struct iov_findings *out);
void iov_findings_free(struct iov_findings *f);

#endif /* IOV_H */
